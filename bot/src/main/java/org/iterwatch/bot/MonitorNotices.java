package org.iterwatch.bot;

import org.iterwatch.monitor.Follower;
import org.iterwatch.monitor.MonitorEvents;
import org.iterwatch.monitor.MonitorNotice;

/**
 * Tells each follower of a monitor what happened to it (restart, stall, resume, failure) with one
 * message, queued as an alert. The durable alert outbox is to take this over.
 */
final class MonitorNotices implements MonitorEvents {
    private final Delivery delivery;

    MonitorNotices(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void notify(MonitorNotice notice) {
        String html = notice.html();
        for (Follower f : notice.followers()) {
            delivery.alert(ChatTarget.of(f.chatId(), f.threadId()), html, null);
        }
    }
}
