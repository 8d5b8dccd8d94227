package org.iterwatch.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.render.CaptionDetails;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.PlotSeries;
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
                    boolean changed) {
        List<Follower> followers = repository.followers(monitor.id());
        if (followers.isEmpty() || !changed && followers.stream().allMatch(f -> f.messageId() != null)) {
            return true;
        }
        String name = monitor.title() == null ? monitor.topic() : monitor.title();
        List<PlotSeries> lines = plot.get();
        RenderedChart chart = renderer.render(request(name, lines));
        String caption = caption(monitor, state, snapshot);
        String hash = hash(chart.png(), caption);
        List<Follower> stale = followers.stream().filter(f -> f.messageId() == null || !hash.equals(f.shownHash())).toList();
        if (stale.isEmpty()) {
            return true;
        }
        listener.show(new ProgressUpdate(monitor.id(), monitor.topic(), state, chart, caption, hash, stale, recent(lines)));
        return true;
    }

    static double[] recent(List<PlotSeries> lines) {
        if (lines.isEmpty()) {
            return new double[0];
        }
        double[] y = lines.get(0).y();
        return java.util.Arrays.copyOfRange(y, Math.max(0, y.length - ProgressUpdate.RECENT), y.length);
    }

    /** An empty chart still shows its title and axes. */
    static ChartRequest request(String name, List<PlotSeries> plot) {
        return ChartRequest.progress(name, plot.isEmpty() ? List.of(PlotSeries.ordinal(new double[0])) : plot);
    }

    static String caption(MonitorRow monitor, MonitorState state, MonitorSnapshot snapshot) {
        CaptionDetails details = new CaptionDetails(snapshot.gaps().listed().stream().mapToLong(Long::longValue).toArray(),
                null, (int) Math.min(Integer.MAX_VALUE, monitor.restarts()), snapshot.lastError());
        return new ProgressCaption(monitor.topic(), label(state), snapshot.points(), snapshot.firstIteration(),
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
