package org.iterwatch.monitor;

/**
 * The chat side of monitors: shows progress updates. Implemented where the Telegram types live. The flow
 * goes one way: the monitor hands a draft over and forgets it; the chat side draws it when the chat's turn
 * to send comes, delivers it (retrying as Telegram demands) and alone records, through {@link ChartMessages},
 * which message shows what.
 */
public interface ProgressListener {
    /** Hands the update to its followers' chats; returns before anything is drawn or sent. */
    void show(ProgressUpdate update);
}
