package org.iterwatch.monitor;

import java.util.List;

/**
 * A monitor's newest state, to be shown to each follower that does not show it yet.
 *
 * @param draft what to draw, drawn only when a chat's turn to send it comes
 */
public record ProgressUpdate(long monitorId, String topic, MonitorState state, ChartDraft draft,
                             List<Follower> followers) {
    public ProgressUpdate {
        followers = List.copyOf(followers);
    }
}
