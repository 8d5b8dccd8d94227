package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.RenderedChart;

/**
 * A monitor's newest picture, to be shown to each follower.
 *
 * @param contentHash identifies chart plus caption, so identical content is never sent twice
 * @param view        what these followers' messages show (the buttons mark it)
 * @param deltas      whether the monitor watches convergence, so that the Δ view exists
 */
public record ProgressUpdate(long monitorId, String topic, MonitorState state, RenderedChart chart,
                             String captionHtml, String contentHash, List<Follower> followers, ChartView view,
                             boolean deltas) {
    public ProgressUpdate {
        followers = List.copyOf(followers);
        view = view == null ? ChartView.DEFAULT : view;
    }

    public ProgressUpdate(long monitorId, String topic, MonitorState state, RenderedChart chart, String captionHtml,
                          String contentHash, List<Follower> followers) {
        this(monitorId, topic, state, chart, captionHtml, contentHash, followers, ChartView.DEFAULT, false);
    }
}
