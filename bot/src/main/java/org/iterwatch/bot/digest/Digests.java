package org.iterwatch.bot.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.iterwatch.bot.board.StatusBoards;
import org.iterwatch.bot.delivery.ChatMoves;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.monitor.QuartzCalls;
import org.iterwatch.monitor.QuartzFactory;
import org.iterwatch.render.BoardTile;
import org.iterwatch.render.RenderedChart;
import org.iterwatch.render.StatusBoard;
import org.iterwatch.subscription.Alerts;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Daily digests: per chat a durable Quartz cron job (surviving restarts in the job store), which sends the status
 * board with the last 24 hours in its caption: alerts the chat got and who acknowledged them, monitors started,
 * stopped and failed, points added since the chat's previous digest.
 */
public final class Digests implements Managed, ChatMoves, StatusBoards.StateChanges, AutoCloseable {
    static final String CONTEXT_KEY = "digests";
    private static final String GROUP = "digest";
    private static final Duration DAY = Duration.ofDays(1);
    private static final QuartzCalls QUARTZ = new QuartzCalls("the digests' scheduler");

    private final Scheduler scheduler;
    private final DigestStore store;
    private final Alerts alerts;
    private final StatusBoards boards;
    private final MonitorService monitors;
    private final Delivery delivery;
    private final TelegramGateway api;
    private final Clock clock;

    public Digests(DataSource dataSource, Alerts alerts, StatusBoards boards, MonitorService monitors, Delivery delivery,
                   TelegramGateway api, Clock clock) {
        this.store = new DigestStore(dataSource);
        this.alerts = alerts;
        this.boards = boards;
        this.monitors = monitors;
        this.delivery = delivery;
        this.api = api;
        this.clock = clock;
        // A scheduler of its own on the monitors' job store: digests neither wait for monitor threads nor touch
        // monitor jobs. A digest up to a minute late still counts as on time.
        this.scheduler = QuartzFactory.create(dataSource, "iterwatch-digests", "digest", 1, Duration.ofMinutes(1));
        QUARTZ.run(() -> scheduler.getContext().put(CONTEXT_KEY, this));
    }

    /** Quartz runs its own threads; they are the scheduler's, started and stopped here. */
    @Override
    public void start(Threads threads) {
        QUARTZ.run(scheduler::start);
    }

    @Override
    public void stop() {
        QUARTZ.run(scheduler::standby);
    }

    @Override
    public void close() {
        QUARTZ.run(() -> scheduler.shutdown(true));
    }

    /** The chat's digest every day at this time of that zone (replacing an earlier one); returns its next time. */
    public Instant set(long chatId, Long threadId, LocalTime time, ZoneId zone) {
        JobDetail job = JobBuilder.newJob(DigestJob.class).withIdentity(job(chatId)).storeDurably()
                .usingJobData(DigestJob.CHAT, String.valueOf(chatId))
                .usingJobData(DigestJob.THREAD, threadId == null ? "" : String.valueOf(threadId)).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(trigger(chatId)).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(time.getSecond() + " " + time.getMinute() + " "
                        + time.getHour() + " * * ?").inTimeZone(TimeZone.getTimeZone(zone))
                        // iterwatch was down at the time: the digest comes once, when it is back
                        .withMisfireHandlingInstructionFireAndProceed()).build();
        store.setBaseline(chatId, points(), clock.millis());
        return QUARTZ.get(() -> {
            scheduler.addJob(job, true);
            scheduler.unscheduleJob(trigger(chatId));
            return scheduler.scheduleJob(trigger).toInstant();
        });
    }

    /** @return false when the chat had no digest */
    public boolean off(long chatId) {
        store.forget(chatId);
        return QUARTZ.get(() -> scheduler.deleteJob(job(chatId)));
    }

    /** The chat's digest: its time, zone and next run; empty when it has none. */
    public Optional<DigestTexts.Schedule> of(long chatId) {
        return QUARTZ.get(() -> Optional.ofNullable(scheduler.getTrigger(trigger(chatId))).map(t -> {
            CronTrigger cron = (CronTrigger) t;
            String[] f = cron.getCronExpression().split(" ");
            LocalTime time = LocalTime.of(Integer.parseInt(f[2]), Integer.parseInt(f[1]), Integer.parseInt(f[0]));
            return new DigestTexts.Schedule(time, cron.getTimeZone().toZoneId(), cron.getNextFireTime().toInstant());
        }));
    }

    /** Sends the chat's digest now (Quartz's thread); the points it counts start again from here. */
    void send(long chatId, Long threadId) {
        Instant now = clock.instant();
        Instant since = now.minus(DAY);
        List<BoardTile> tiles = boards.tiles();
        RenderedChart board = new StatusBoard().render(tiles, now);
        Map<String, Long> points = points();
        Map<String, Long> before = store.baseline(chatId);
        Map<String, Long> added = new LinkedHashMap<>();
        points.forEach((topic, n) -> {
            long gained = Math.max(0, n - before.getOrDefault(topic, 0L));
            if (gained > 0) {
                added.put(topic, gained);
            }
        });
        String caption = DigestTexts.caption(now, of(chatId).map(DigestTexts.Schedule::zone).orElse(ZoneId.of("UTC")),
                alerts.raisedFor(chatId, since), store.activitySince(since.toEpochMilli()), added);
        delivery.call(Priority.REPLY, ChatTarget.of(chatId, threadId), "digest",
                to -> api.sendPhoto(to, board.png(), caption, null)).join();
        store.setBaseline(chatId, points, now.toEpochMilli());
    }

    /** A monitor seen to change state: started (from stopped, failed or new), stopped, failed. */
    @Override
    public void changed(String topic, MonitorState before, MonitorState now) {
        String kind = null;
        if (now == MonitorState.FAILED) {
            kind = "failed";
        } else if (now == MonitorState.STOPPED) {
            kind = before == null ? null : "stopped";
        } else if (before == null || before == MonitorState.STOPPED || before == MonitorState.FAILED) {
            kind = "started";
        }
        if (kind != null) {
            store.record(clock.millis(), topic, kind);
        }
    }

    @Override
    public void moved(long fromChatId, long toChatId) {
        store.moveChat(fromChatId, toChatId);
        of(fromChatId).ifPresent(s -> {
            off(fromChatId);
            set(toChatId, null, s.time(), s.zone());
        });
    }

    private Map<String, Long> points() {
        Map<String, Long> points = new LinkedHashMap<>();
        for (MonitorView m : monitors.list()) {
            points.put(m.topic(), m.points());
        }
        return points;
    }

    private static JobKey job(long chatId) {
        return JobKey.jobKey("digest-" + chatId, GROUP);
    }

    private static TriggerKey trigger(long chatId) {
        return TriggerKey.triggerKey("digest-" + chatId, GROUP);
    }
}
