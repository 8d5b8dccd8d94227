package org.iterwatch.bot;

import org.iterwatch.monitor.Follower;
import org.iterwatch.monitor.MonitorEvents;
import org.iterwatch.monitor.MonitorNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each follower of a monitor what happened to it (restart, stall, resume, failure) with one
 * message. The alert outbox of issue 5 is to take this over, with its durability.
 */
final class MonitorNotices implements MonitorEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorNotices.class);
    private final TelegramGateway api;
    private final Sender sender;

    MonitorNotices(TelegramGateway api, Sender sender) {
        this.api = api;
        this.sender = sender;
    }

    @Override
    public void notify(MonitorNotice notice) {
        String html = notice.html();
        for (Follower f : notice.followers()) {
            try {
                sender.send(f.chatId(), () -> api.sendHtml(ChatTarget.of(f.chatId(), f.threadId()), html, null));
            } catch (TelegramFailure e) {
                LOG.warn("{} notice of {} not delivered to chat {}: {}", notice.kind(), notice.topic(), f.chatId(),
                        e.getMessage());
            }
        }
    }
}
