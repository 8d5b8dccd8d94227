package org.iterwatch.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.iterwatch.render.CaptionDetails;
import org.iterwatch.render.ChartOptions;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.PreviousRun;
import org.iterwatch.render.Progress;
import org.iterwatch.render.ProgressCaption;
import org.iterwatch.render.Titles;

/** Hands a monitor's state, as a draft to draw later, to the chat side for the followers that do not show it yet. */
final class Publisher {
    private final ChartRenderer renderer;
    private final ProgressListener listener;
    private final MonitorRepository repository;

    Publisher(ChartRenderer renderer, ProgressListener listener, MonitorRepository repository) {
        this.renderer = renderer;
        this.listener = listener;
        this.repository = repository;
    }

    /** Iterations the Latest view shows: the newest, and the ones before it fading. */
    static final int LATEST = 6;

    /**
     * Hands a draft (nothing is drawn here) to the followers that do not show this state yet. Only on the tick
     * that holds {@code monitor}.
     *
     * @param changed whether the state differs from what was last shown; when it does not, only
     *                followers still without a message (or whose view changed) are served
     */
    void publish(MonitorRow row, MonitorState state, LiveMonitor monitor, boolean coordinates, Convergence convergence,
                 boolean changed) {
        List<Follower> followers = repository.followers(row.id());
        if (followers.isEmpty() || !changed && followers.stream().allMatch(f -> f.messageId() != null && f.shownHash() != null)) {
            return;
        }
        PreviousRun previous = previousRun(row.id(), monitor.supervision());
        Map<ChartView, List<Follower>> byView = followers.stream()
                .collect(Collectors.groupingBy(Follower::view, LinkedHashMap::new, Collectors.toList()));
        // Not the whole series: a board's sparkline needs only its newest values.
        double[] recent = monitor.reader().recent(ProgressUpdate.RECENT);
        byView.forEach((view, those) -> {
            MonitorDrawing draft = new MonitorDrawing(renderer, monitor, row, state, coordinates, convergence, previous, view);
            List<Follower> stale = those.stream()
                    .filter(f -> f.messageId() == null || !draft.contentHash().equals(f.shownHash())).toList();
            if (!stale.isEmpty()) {
                listener.show(new ProgressUpdate(row.id(), row.topic(), state, draft, stale, view, convergence != null,
                        recent));
            }
        });
    }

    /** Stored once per run end; read from the database the first time a monitor's chart needs it. */
    private PreviousRun previousRun(long monitorId, Supervision sup) {
        if (sup.previousRun == null) {
            sup.previousRun = repository.previousRun(monitorId);
        }
        return sup.previousRun.orElse(null);
    }

    /** The picture of one view: all iterations, the latest against the ones before, or |Δ| per iteration. */
    static ChartRequest request(String name, ChartView view, Plots plots, Progress progress, PreviousRun previous,
                                boolean deltas) {
        ChartOptions options = ChartOptions.DEFAULT.withLogY(view.logY())
                .withPreviousRun(view.hidePrevious() ? null : previous)
                .withBadge(progress == null ? null : progress.badge());
        if (view.kind() == ChartView.Kind.DELTA && deltas) {
            List<Deltas.Delta> d = plots.deltas();
            double[] x = d.stream().mapToDouble(Deltas.Delta::iteration).toArray();
            PlotSeries max = new PlotSeries("max |\u0394|", x, d.stream().mapToDouble(Deltas.Delta::max).toArray());
            PlotSeries rms = new PlotSeries("RMS \u0394", x, d.stream().mapToDouble(Deltas.Delta::rms).toArray());
            return new ChartRequest(name + " \u2014 |\u0394| per iteration", List.of(max, rms), ChartRequest.DEFAULT_WIDTH,
                    ChartRequest.DEFAULT_HEIGHT, ChartOptions.DEFAULT.withLogY(true).withAxisTitles("iteration", "|\u0394|"));
        }
        if (view.kind() == ChartView.Kind.LATEST) {
            LatestLines latest = plots.latest(LATEST);
            if (!latest.lines().isEmpty()) {
                PlotSeries newest = latest.lines().get(0);
                return new ChartRequest(Titles.progress(name + " \u00b7 " + newest.name(), newest.points()), latest.lines(),
                        ChartRequest.DEFAULT_WIDTH, ChartRequest.DEFAULT_HEIGHT,
                        options.withFaded(latest.lines().size() - 1).withBadge(newest.name())
                                .withAxisTitles(latest.xAxisTitle(), null));
            }
        }
        return request(name, plots.all()).withOptions(options);
    }

    /** An empty chart still shows its title and axes. */
    static ChartRequest request(String name, List<PlotSeries> plot) {
        return ChartRequest.progress(name, plot.isEmpty() ? List.of(PlotSeries.ordinal(new double[0])) : plot);
    }

    /** @param outliers and {@code nonFinite}: the values the drawn chart marked at its edge */
    static String caption(MonitorRow monitor, MonitorState state, MonitorSnapshot snapshot, Convergence convergence,
                          long outliers, long nonFinite, PreviousRun previous) {
        CaptionDetails details = new CaptionDetails(snapshot.gaps().listed().stream().mapToLong(Long::longValue).toArray(),
                null, (int) Math.min(Integer.MAX_VALUE, monitor.restarts()), snapshot.lastError())
                .withInsight(snapshot.progress(), convergence, outliers, nonFinite)
                .withPreviousRun(previous == null ? null : previous.summary());
        boolean finished = state == MonitorState.RUNNING && snapshot.progress() != null && snapshot.progress().finished();
        // The whole title is here: the picture may have to shorten it.
        String name = monitor.title() == null ? monitor.topic() : monitor.title() + " \u00b7 " + monitor.topic();
        return new ProgressCaption(name, finished ? "\u2705 finished" : label(state), snapshot.points(),
                snapshot.firstIteration(),
                snapshot.lastIteration(), snapshot.lastRecord(), snapshot.skipped()).html(details);
    }

    static String label(MonitorState state) {
        return switch (state) {
            case RUNNING -> "\u25b6 running";
            case STOPPED -> "\u23f9 stopped";
            case RECONNECTING -> "\u21bb reconnecting";
            case STALLED -> "\u23f8 stalled";
            case FAILED -> "\u2716 failed";
        };
    }
}
