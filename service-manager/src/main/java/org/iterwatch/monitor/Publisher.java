package org.iterwatch.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.render.CaptionDetails;
import org.iterwatch.render.ChartOptions;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.PreviousRun;
import org.iterwatch.render.Progress;
import org.iterwatch.render.ProgressCaption;
import org.iterwatch.render.RenderedChart;

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

    /**
     * @param changed whether the state differs from what was last shown; when it does not, only
     *                followers still without a message are served
     * @return true once every follower that does not show this state yet has been handed it
     */
    boolean publish(MonitorRow monitor, MonitorState state, MonitorSnapshot snapshot, Supplier<List<PlotSeries>> plot,
                    Convergence convergence, boolean changed) {
        if (changed) {
            repository.lastKnown(monitor.id(), snapshot);
        }
        List<Follower> followers = repository.followers(monitor.id());
        if (followers.isEmpty() || !changed && followers.stream().allMatch(f -> f.messageId() != null)) {
            return true;
        }
        String name = monitor.title() == null ? monitor.topic() : monitor.title();
        Progress progress = snapshot.progress();
        PreviousRun previous = repository.previousRun(monitor.id()).orElse(null);
        ChartOptions options = ChartOptions.DEFAULT.withBadge(progress == null ? null : progress.badge())
                .withPreviousRun(previous);
        RenderedChart chart = renderer.render(request(name, plot.get()).withOptions(options));
        String caption = caption(monitor, state, snapshot, convergence, chart, previous);
        String hash = hash(chart.png(), caption);
        List<Follower> stale = followers.stream().filter(f -> f.messageId() == null || !hash.equals(f.shownHash())).toList();
        if (stale.isEmpty()) {
            return true;
        }
        listener.show(new ProgressUpdate(monitor.id(), monitor.topic(), state, chart, caption, hash, stale));
        return true;
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
