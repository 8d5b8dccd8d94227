package org.iterwatch.monitor;

/**
 * A chat that follows a monitor, and the pinned message it shows there.
 *
 * @param threadId  forum topic the message belongs to, or null
 * @param messageId the pinned progress message, or null before it was first sent
 * @param shownHash hash of the content that message shows now, or null
 * @param view      what the message shows, chosen with its buttons
 */
public record Follower(long chatId, Long threadId, Long messageId, String shownHash, ChartView view) {
    public Follower {
        view = view == null ? ChartView.DEFAULT : view;
    }

    public Follower(long chatId, Long threadId, Long messageId, String shownHash) {
        this(chatId, threadId, messageId, shownHash, ChartView.DEFAULT);
    }
}
