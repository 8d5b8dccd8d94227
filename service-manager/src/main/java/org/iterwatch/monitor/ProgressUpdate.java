package org.iterwatch.monitor;

import java.util.List;

/**
 * A monitor's newest state, to be shown to each follower that does not show it yet.
 *
 * @param draft  what to draw, drawn only when a chat's turn to send it comes
 * @param view   what these followers' messages show (the buttons mark it)
 * @param deltas whether the monitor watches convergence, so that the Δ view exists
 * @param recent the newest values of its first line, oldest first (for the status board's sparkline)
 */
public record ProgressUpdate(long monitorId, String topic, MonitorState state, ChartDraft draft,
                             List<Follower> followers, ChartView view, boolean deltas, double[] recent) {
    /** Values kept for a sparkline: about one per pixel column of a board tile. */
    public static final int RECENT = 200;

    public ProgressUpdate {
        followers = List.copyOf(followers);
        view = view == null ? ChartView.DEFAULT : view;
        recent = recent == null ? new double[0] : recent;
    }
}
