package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.RenderedChart;

/**
 * A monitor's newest picture, to be shown to each follower.
 *
 * @param contentHash identifies chart plus caption, so identical content is never sent twice
 */
public record ProgressUpdate(long monitorId, String topic, MonitorState state, RenderedChart chart,
                             String captionHtml, String contentHash, List<Follower> followers) {
    public ProgressUpdate {
        followers = List.copyOf(followers);
    }
}
