package org.iterwatch.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.render.CaptionDetails;
import org.iterwatch.render.ChartOptions;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.PreviousRun;
import org.iterwatch.render.Progress;
import org.iterwatch.render.ProgressCaption;
import org.iterwatch.render.RenderedChart;
import org.iterwatch.render.Titles;

/** Draws a monitor's state and hands it to the chat side for the followers that do not show it yet. */
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
     * @param changed whether the state differs from what was last shown; when it does not, only
     *                followers still without a message (or whose view changed) are served
     * @return true once every follower that does not show this state yet has been handed it
     */
    boolean publish(MonitorRow monitor, MonitorState state, MonitorSnapshot snapshot, Plots plots,
                    Convergence convergence, boolean changed) {
        List<Follower> followers = repository.followers(monitor.id());
        if (followers.isEmpty() || !changed && followers.stream().allMatch(f -> f.messageId() != null && f.shownHash() != null)) {
            return true;
        }
        String name = monitor.title() == null ? monitor.topic() : monitor.title();
        PreviousRun previous = repository.previousRun(monitor.id()).orElse(null);
        Map<ChartView, List<Follower>> byView = followers.stream()
                .collect(Collectors.groupingBy(Follower::view, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<ChartView, List<Follower>> e : byView.entrySet()) {
            ChartView view = e.getKey();
            RenderedChart chart = renderer.render(request(name, view, plots, snapshot.progress(), previous,
                    convergence != null));
            String caption = caption(monitor, state, snapshot, convergence, chart,
                    view.hidePrevious() ? null : previous);
            // the view is in the hash: the buttons mark it, so a new view is a new message content
            String hash = hash(chart.png(), caption + '\n' + view);
            List<Follower> stale = e.getValue().stream()
                    .filter(f -> f.messageId() == null || !hash.equals(f.shownHash())).toList();
            if (!stale.isEmpty()) {
                listener.show(new ProgressUpdate(monitor.id(), monitor.topic(), state, chart, caption, hash, stale, view,
                        convergence != null));
            }
        }
        return true;
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
            List<PlotSeries> latest = plots.latest(LATEST);
            if (!latest.isEmpty()) {
                PlotSeries newest = latest.get(0);
                return new ChartRequest(Titles.progress(name + " \u00b7 " + newest.name(), newest.points()), latest,
                        ChartRequest.DEFAULT_WIDTH, ChartRequest.DEFAULT_HEIGHT,
                        options.withFaded(latest.size() - 1).withBadge(newest.name()));
            }
        }
        return request(name, plots.all()).withOptions(options);
    }

    /** An empty chart still shows its title and axes. */
    static ChartRequest request(String name, List<PlotSeries> plot) {
        return ChartRequest.progress(name, plot.isEmpty() ? List.of(PlotSeries.ordinal(new double[0])) : plot);
    }

    static String caption(MonitorRow monitor, MonitorState state, MonitorSnapshot snapshot, Convergence convergence,
                          RenderedChart chart, PreviousRun previous) {
        CaptionDetails details = new CaptionDetails(snapshot.gaps().listed().stream().mapToLong(Long::longValue).toArray(),
                null, (int) Math.min(Integer.MAX_VALUE, monitor.restarts()), snapshot.lastError())
                .withInsight(snapshot.progress(), convergence, chart.outliers(), chart.nonFinite())
                .withPreviousRun(previous == null ? null : previous.summary());
        boolean finished = state == MonitorState.RUNNING && snapshot.progress() != null && snapshot.progress().finished();
        return new ProgressCaption(monitor.topic(), finished ? "\u2705 finished" : label(state), snapshot.points(),
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

    private static String hash(byte[] png, String caption) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(png);
            sha.update(caption.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IterwatchException("SHA-256 is missing from this JVM", e);
        }
    }
}
