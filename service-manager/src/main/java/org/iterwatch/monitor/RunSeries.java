package org.iterwatch.monitor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.PreviousRun;
import org.iterwatch.render.Progress;

/**
 * The series of the calculation's current run. A record of a new run replaces the series (the calculation
 * started over); a late record of a run that ended is ignored.
 */
final class RunSeries {
    /** Ended runs remembered, so their late records are ignored; the oldest are forgotten past this. */
    private static final int REMEMBERED_RUNS = 1000;
    private static final int LISTED_GAPS = 200;
    private final long pointBudget;
    private final Set<String> pastRuns = new LinkedHashSet<>();
    private Series series;
    private String run;
    private RunProgress progress = new RunProgress();
    private Deltas deltas = new Deltas();
    /** The shape of the run replaced last, until the tick stores it. */
    private PreviousRun ended;
    /** Values beyond ±limit are diverging ({@code limit=}); set by the tick from the monitor's options. */
    private double limit = Double.POSITIVE_INFINITY;
    /** The run that replaced a run with points, since the last {@link #takeNewRun()}; null: none. */
    private String newRun;
    private long gapsVersion = -1;
    private Series.Gaps gaps = Series.Gaps.NONE;

    /** @param pointBudget the most cells the series may hold (monitors.maxPointsPerMonitor) */
    RunSeries(long pointBudget) {
        this.pointBudget = pointBudget;
        this.series = new Series(pointBudget);
    }

    /**
     * @return false for a late record of a run that is over, which is ignored
     * @throws BadRecordException when its points would take the series past its budget
     */
    boolean take(RecordDecoder.DecodedRecord r) {
        if (r.run() != null && !r.run().equals(run)) {
            if (pastRuns.contains(r.run())) {
                return false;
            }
            // Identity is (run, series, iteration, index): records without a run are a run of their own, so a
            // run id after them starts the series afresh just as a second run id does.
            if (run != null || series.points() > 0) {
                if (run != null) {
                    forget(run);
                }
                newSeries();
                newRun = r.run();
            }
            run = r.run();
        }
        series.put(r.series(), r.iteration(), r.index(), r.values(), r.x());
        progress.take(r.iteration(), r.values(), r.total(), r.last(), r.millis(), limit);
        return true;
    }

    /** Everything read is void: the calculation started over, or the topic no longer holds what we read. */
    void startOver() {
        newSeries();
        run = null;
        pastRuns.clear();
        newRun = null;
    }

    private void newSeries() {
        if (series.points() > 0) {
            ended = envelope();
        }
        series = new Series(pointBudget);
        progress = new RunProgress();
        deltas = new Deltas();
        gaps = Series.Gaps.NONE;
        gapsVersion = -1;
    }

    private void forget(String ended) {
        pastRuns.add(ended);
        if (pastRuns.size() > REMEMBERED_RUNS) {
            pastRuns.remove(pastRuns.iterator().next());
        }
    }

    /** The shape of the run that ended since the last call, or null. */
    PreviousRun takeEnded() {
        PreviousRun taken = ended;
        ended = null;
        return taken;
    }

    /** The current series' per-bucket envelope: what is kept of a run once Kafka no longer has it. */
    private PreviousRun envelope() {
        List<PlotSeries> lines = series.plot(true);
        boolean realX = lines.stream().allMatch(l -> l.x() != null);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (PlotSeries l : lines) {
            for (int i = 0; i < l.size(); i++) {
                double x = realX ? l.x()[i] : i + 1;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        PreviousRun.Builder builder = new PreviousRun.Builder(min, max, realX);
        for (PlotSeries l : lines) {
            for (int i = 0; i < l.size(); i++) {
                builder.add(realX ? l.x()[i] : i + 1, l.y()[i]);
            }
        }
        Progress p = progress.progress();
        return builder.build(p == null ? Duration.ZERO : p.duration());
    }

    /** The run that replaced another since the last call, if any. */
    String takeNewRun() {
        String taken = newRun;
        newRun = null;
        return taken;
    }

    String run() {
        return run;
    }

    /** The solver sent its last record, or reached its total: silence after it is no stall. */
    boolean finished() {
        return progress.finished();
    }

    RunProgress progress() {
        return progress;
    }

    void limit(double value) {
        limit = value;
    }

    /** The change per iteration, brought up to date (costs a walk over the iterations). */
    java.util.List<Deltas.Delta> deltas() {
        return deltas.update(series);
    }

    long points() {
        return series.points();
    }

    long version() {
        return series.version();
    }

    long firstIteration() {
        return series.firstIteration();
    }

    long lastIteration() {
        return series.lastIteration();
    }

    /** The gaps as last counted, cheap enough for every batch. */
    Series.Gaps knownGaps() {
        return gaps;
    }

    /** Counts the gaps again if the series changed since: it walks every iteration. */
    Series.Gaps countGaps() {
        if (gapsVersion != series.version()) {
            gaps = series.gaps(LISTED_GAPS);
            gapsVersion = series.version();
        }
        return gaps;
    }

    List<PlotSeries> plot(boolean coordinates) {
        return series.plot(coordinates);
    }

    LatestLines latest(boolean coordinates, int count) {
        return series.latest(coordinates, count);
    }

    double[] recent(int count) {
        return series.recent(count);
    }

    String csv() {
        StringBuilder out = new StringBuilder(64 + (int) Math.min(series.points() * 32, Integer.MAX_VALUE / 2));
        series.csv(out);
        return out.toString();
    }
}
