package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.RenderedChart;

/**
 * A monitor's newest picture, to be shown to each follower.
 *
 * @param contentHash identifies chart plus caption, so identical content is never sent twice
 * @param recent      the newest values of its first line, oldest first (for the status board's sparkline)
 */
public record ProgressUpdate(long monitorId, String topic, MonitorState state, RenderedChart chart,
                             String captionHtml, String contentHash, List<Follower> followers, double[] recent) {
    /** Values kept for a sparkline: about one per pixel column of a board tile. */
    public static final int RECENT = 200;

    public ProgressUpdate {
        followers = List.copyOf(followers);
        recent = recent == null ? new double[0] : recent;
    }
}
