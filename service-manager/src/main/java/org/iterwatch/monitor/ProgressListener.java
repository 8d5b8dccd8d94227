package org.iterwatch.monitor;

/**
 * The chat side of monitors: shows progress updates. Implemented where the Telegram types live. The flow
 * goes one way: the monitor hands the picture over and forgets it; the chat side delivers it (retrying as
 * Telegram demands) and alone records, through {@link ChartMessages}, which message shows what.
 */
public interface ProgressListener {
    /** Hands the update to its followers' chats; returns before Telegram has seen anything. */
    void show(ProgressUpdate update);
}
