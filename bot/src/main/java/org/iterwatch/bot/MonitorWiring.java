package org.iterwatch.bot;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.iterwatch.bot.alerts.MonitorNotices;
import org.iterwatch.bot.alerts.TelegramAlertSender;
import org.iterwatch.bot.board.StatusBoards;
import org.iterwatch.bot.charts.BoardMessages;
import org.iterwatch.bot.charts.PinnedMessages;
import org.iterwatch.bot.delivery.ChatMigrations;
import org.iterwatch.bot.digest.Digests;
import org.iterwatch.config.Fence;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.monitor.ChartMessages;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.Audit;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.TopicProgress;

/**
 * The monitors and what shows them (pinned charts, status boards, daily digests), with the alerts: the two ask each
 * other (an alert quotes a topic's progress, a monitor asks whether a run ended), so they are made together. Also
 * the chats that moved, which every one of them follows, and the audit trail.
 */
record MonitorWiring(PinnedMessages pinned, Alerts alerts, MonitorService monitors, StatusBoards boards,
                     Digests digests, ChatMigrations migrations, Audit audit) {

    static MonitorWiring wire(IterwatchConfig config, StorageWiring storage, TelegramWiring telegram, People people,
                              Fence fence, Lifecycle process) {
        DataSource dataSource = storage.dataSource();
        // Start and Stop under a chart only where people may press them: operators' private chats and the groups.
        PinnedMessages pinned = new PinnedMessages(telegram.delivery(), telegram.chatBook(),
                new ChartMessages(dataSource)::shown,
                chat -> chat < 0 || people.role(chat).filter(r -> r.allows(Role.OPERATOR)).isPresent());
        // Alerts quote what the monitors know of a topic, and monitors ask the alerts whether a run ended: the
        // monitors are made second, so the alerts reach them through this reference.
        AtomicReference<MonitorService> monitorsLater = new AtomicReference<>();
        Alerts alerts = new Alerts(dataSource, new TelegramAlertSender(telegram.api(), telegram.delivery(),
                (topic, chat) -> monitorsLater.get().chartMessage(topic, chat)), Clock.systemUTC(),
                topic -> monitorsLater.get().lastKnown(topic).filter(l -> l.points() > 0 && l.lastRecord() != null)
                        .map(l -> new TopicProgress.Last(l.lastIteration(), l.lastRecord())), fence);
        StatusBoards boards = new StatusBoards(dataSource, pinned, config.board().period(), Clock.systemUTC());
        MonitorService monitors = new MonitorService(dataSource, storage.kafka(), config.monitors(), new ChartRenderer(),
                boards, new MonitorNotices(alerts), alerts::runEnded, storage.health()::failed);
        monitorsLater.set(monitors);
        boards.wire(monitors, new BoardMessages(telegram.delivery(), boards::shown));
        storage.health().onRecovery(monitors::restartScheduler);
        Digests digests = new Digests(dataSource, alerts, boards, monitors, telegram.delivery(), telegram.api(),
                Clock.systemUTC());
        boards.onStateChanges(digests);
        process.closeLater("digest scheduler", digests);
        // The chart slots move first: a tick that reads the moved rows must find its slot under the new id, not
        // make a second one that sends a second chart.
        ChatMigrations migrations = new ChatMigrations(telegram.chatBook(), List.of(pinned, monitors::moveChat,
                alerts::moveChat, boards, digests));
        telegram.delivery().onChatMoved(migrations);
        // Added before the active side, so stopped after it: what its last handlers refuse is still written,
        // and Quartz shuts down only once no monitor runs.
        Audit audit = process.add("audit", new Audit(dataSource, Clock.systemUTC()));
        process.closeLater("monitor scheduler", monitors);
        return new MonitorWiring(pinned, alerts, monitors, boards, digests, migrations, audit);
    }

    /** On the active side: the monitors tick, the boards are redrawn, the digests are sent. */
    void startIn(Lifecycle active) {
        active.add("monitors", monitors);
        active.add("status boards", boards);
        active.add("daily digests", digests);
    }
}
