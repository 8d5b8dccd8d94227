package org.iterwatch.monitor;

import java.util.List;

/** The chat side of monitors: shows progress updates. Implemented where the Telegram types live. */
public interface ProgressListener {
    /**
     * Shows the update to its followers.
     *
     * May return before Telegram confirmed anything (a queue sends later); such a listener reports each
     * message later through {@link MonitorService#shown}.
     *
     * @return the messages that now show it; a follower missing from the list is tried again next time
     */
    List<ShownMessage> show(ProgressUpdate update);
}
