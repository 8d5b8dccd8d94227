package org.iterwatch.bot;

import java.util.ArrayList;
import java.util.List;
import org.iterwatch.monitor.Follower;
import org.iterwatch.monitor.ProgressListener;
import org.iterwatch.monitor.ProgressUpdate;
import org.iterwatch.monitor.ShownMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one pinned progress message per monitor and chat: sent and pinned the first time, edited
 * in place afterwards, and sent anew if someone deleted it.
 */
final class PinnedMessages implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedMessages.class);
    private final TelegramGateway api;
    private final Sender sender;

    PinnedMessages(TelegramGateway api, Sender sender) {
        this.api = api;
        this.sender = sender;
    }

    @Override
    public List<ShownMessage> show(ProgressUpdate update) {
        List<ShownMessage> shown = new ArrayList<>();
        for (Follower follower : update.followers()) {
            try {
                shown.add(new ShownMessage(follower.chatId(), showTo(follower, update), update.contentHash()));
            } catch (TelegramFailure e) {
                LOG.warn("progress of {} not shown in chat {}: {}", update.topic(), follower.chatId(), e.getMessage());
            }
        }
        return shown;
    }

    private long showTo(Follower follower, ProgressUpdate update) {
        if (follower.messageId() == null) {
            return sendAndPin(follower, update);
        }
        try {
            sender.send(follower.chatId(), () -> api.editPhoto(follower.chatId(), follower.messageId(),
                    update.chart().png(), update.captionHtml(), Buttons.forMonitor(update.monitorId())));
        } catch (TelegramFailure e) {
            switch (e.kind()) {
                case NOT_MODIFIED -> { }
                case MESSAGE_GONE -> {
                    return sendAndPin(follower, update);
                }
                default -> throw e;
            }
        }
        return follower.messageId();
    }

    private long sendAndPin(Follower follower, ProgressUpdate update) {
        ChatTarget to = ChatTarget.of(follower.chatId(), follower.threadId());
        long messageId = sender.send(follower.chatId(), () -> api.sendPhoto(to, update.chart().png(),
                update.captionHtml(), Buttons.forMonitor(update.monitorId())));
        try {
            sender.send(follower.chatId(), () -> api.pin(follower.chatId(), messageId));
        } catch (TelegramFailure e) {
            // Without the right to pin (a group that did not make the bot admin) the message still works.
            LOG.warn("progress message of {} not pinned in chat {}: {}", update.topic(), follower.chatId(), e.getMessage());
        }
        return messageId;
    }
}
