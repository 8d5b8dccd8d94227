package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.CaptionDetails;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.ProgressCaption;

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

    /**
     * Hands a draft (nothing is drawn here) to the followers that do not show this state yet. Only on the tick
     * that holds {@code monitor}.
     *
     * @param changed whether the state differs from what was last shown; when it does not, only
     *                followers still without a message are served
     */
    void publish(MonitorRow row, MonitorState state, LiveMonitor monitor, boolean coordinates, boolean changed) {
        List<Follower> followers = repository.followers(row.id());
        if (followers.isEmpty() || !changed && followers.stream().allMatch(f -> f.messageId() != null)) {
            return;
        }
        MonitorDrawing draft = new MonitorDrawing(renderer, monitor, row, state, coordinates);
        List<Follower> stale = followers.stream()
                .filter(f -> f.messageId() == null || !draft.contentHash().equals(f.shownHash())).toList();
        if (!stale.isEmpty()) {
            listener.show(new ProgressUpdate(row.id(), row.topic(), state, draft, stale));
        }
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
}
