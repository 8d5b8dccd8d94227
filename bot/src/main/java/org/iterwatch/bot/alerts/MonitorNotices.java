package org.iterwatch.bot.alerts;

import org.iterwatch.monitor.MonitorEvents;
import org.iterwatch.monitor.MonitorNotice;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.Recipient;

/**
 * What happened to a monitor (restart, stall, resume, failure) goes into the alert outbox: stored
 * before it is sent, then to every chat showing the chart and every chat subscribed to the topic. Stalls and
 * failures ring; restarts and resumes are news, sent without a sound.
 */
public final class MonitorNotices implements MonitorEvents {
    private final Alerts alerts;

    public MonitorNotices(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void notify(MonitorNotice notice) {
        alerts.monitorNotice(notice.topic(), notice.html(),
                notice.followers().stream().map(f -> new Recipient(f.chatId(), f.threadId())).toList(), notice.kind().rings());
    }
}
