package org.iterwatch.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.config.Monitors;
import org.iterwatch.render.ChartRenderer;
import org.jdbi.v3.core.Jdbi;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, starts, stops and removes monitors. Each monitor is a durable Quartz job in the JDBC job
 * store; a running monitor is one whose repeating trigger exists, so the state survives restarts.
 */
public final class MonitorService implements Managed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);
    private static final String GROUP = "monitors";
    /** Kafka's own limit, and the width of the monitor table's column. */
    private static final int TOPIC_MAX = 249;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1," + TOPIC_MAX + "}");
    /** The width of the monitor table's title column. */
    private static final int TITLE_MAX = 200;
    private static final Duration CATCH_UP_BUDGET = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** A tick reads for at most 10 s; the stop waits a little longer for the last ones. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final MonitorRepository repository;
    private final TopicCatalog catalog;
    private final DataSource dataSource;
    /** Replaced only by {@link #restartScheduler()}. */
    private volatile Scheduler scheduler;
    /** Between {@link #start()} and {@link #close()}: only then is there a scheduler to restart. */
    private boolean running;
    private final Publisher publisher;
    private final MonitorEvents events;
    private final String bootstrapServers;
    private final Monitors settings;
    private final RecordParser parser;
    private final Map<Long, MonitorRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<Long, Supervision> supervisions = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    public MonitorService(DataSource dataSource, String bootstrapServers, Monitors settings, ChartRenderer renderer,
                          ProgressListener listener, MonitorEvents events) {
        this.repository = new MonitorRepository(Jdbi.create(dataSource));
        this.catalog = new TopicCatalog(bootstrapServers);
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.events = events;
        this.parser = new RecordParser(settings.maxPoints());
        this.publisher = new Publisher(renderer, listener, repository);
        this.dataSource = dataSource;
        this.scheduler = newScheduler();
    }

    private Scheduler newScheduler() {
        return QuartzFactory.create(dataSource, settings.threads(), (bundle, s) -> new MonitorJob(this));
    }

    /**
     * After the database failed and works again. Quartz keeps its triggers' states in the database, and a
     * write the database lost when it failed (a full disk) can leave a trigger marked as running for good,
     * so its monitor never ticks again; Quartz sets such states right when it starts, so it is started anew.
     */
    public synchronized void restartScheduler() {
        if (!running) {
            return;
        }
        try {
            scheduler.shutdown(true);
            Scheduler fresh = newScheduler();
            try {
                fresh.start();
            } catch (SchedulerException e) {
                // The next restart creates another; this one must not keep threads (or the process) alive.
                fresh.shutdown(false);
                throw e;
            }
            scheduler = fresh;
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot restart the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Starts running monitors: those that were running before a restart (or before the active side last
     * stopped) run again and rebuild their series from Kafka. Quartz runs them on its own worker threads
     * ({@code monitor-1..n}), which the scheduler owns and ends at {@link #close()}.
     */
    @Override
    public synchronized void start(Threads threads) {
        try {
            scheduler.start();
            running = true;
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Stops running monitors without forgetting which ones run: Quartz holds its triggers (standby), the ticks
     * under way finish, and the series are dropped, to be rebuilt from Kafka at the next start.
     */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            quartz(scheduler::standby);
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (!quartzValue(scheduler::getCurrentlyExecutingJobs).isEmpty() && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(50));
        }
        runtimes.values().forEach(MonitorRuntime::close);
        runtimes.clear();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public MonitorView add(String topic, String title, long userId, long chatId, Long threadId) {
        return add(topic, title, MonitorOptions.DEFAULTS, userId, chatId, threadId);
    }

    public MonitorView add(String topic, String title, MonitorOptions options, long userId, long chatId, Long threadId) {
        checkName(topic);
        checkTitle(title);
        if (repository.byTopic(topic).isPresent()) {
            throw new MonitorException(MonitorMessages.exists(topic));
        }
        List<String> topics = catalog.names();
        if (!topics.contains(topic)) {
            List<String> close = catalog.closeTo(topic, topics);
            throw new MonitorException(MonitorMessages.noSuchTopic(topic, close));
        }
        MonitorRow row = repository.insert(topic, title, options, userId);
        repository.follow(row.id(), chatId, threadId);
        quartz(() -> scheduler.addJob(JobBuilder.newJob(MonitorJob.class).withIdentity(jobKey(row.id()))
                .usingJobData(MonitorJob.MONITOR_ID, String.valueOf(row.id()))
                .storeDurably().requestRecovery().build(), false));
        return view(row);
    }

    /** Changes a monitor's title (when given) and options; a running monitor takes a new refresh period at once. */
    public MonitorView configure(String topic, String title, List<String> options) {
        MonitorRow row = existing(topic);
        checkTitle(title);
        MonitorOptions changed = row.options().with(options);
        withLock(row.id(), () -> repository.options(row.id(), title == null ? row.title() : title, changed));
        if (quartzValue(() -> scheduler.checkExists(triggerKey(row.id())))) {
            quartz(() -> scheduler.rescheduleJob(triggerKey(row.id()), trigger(row.id(), effective(changed))));
        }
        return view(existing(topic));
    }

    /** Starts the monitor (if it was stopped or failed) and makes the chat follow it. */
    public MonitorView start(String topic, long chatId, Long threadId) {
        MonitorRow row = existing(topic);
        repository.follow(row.id(), chatId, threadId);
        withLock(row.id(), () -> {
            if (row.heldState() == MonitorState.FAILED) {
                repository.heldState(row.id(), null);
            }
            supervisions.remove(row.id());
        });
        quartz(() -> {
            if (!scheduler.checkExists(triggerKey(row.id()))) {
                scheduler.scheduleJob(trigger(row.id(), effective(row.options())));
            } else {
                scheduler.triggerJob(jobKey(row.id()));
            }
        });
        return view(row);
    }

    private org.quartz.Trigger trigger(long id, MonitorOptions options) {
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(id)).forJob(jobKey(id)).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(options.refreshPeriod().toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    public MonitorView stop(String topic) {
        MonitorRow row = existing(topic);
        quartz(() -> scheduler.unscheduleJob(triggerKey(row.id())));
        withLock(row.id(), () -> {
            supervisions.remove(row.id());
            MonitorRuntime runtime = runtimes.get(row.id());
            if (runtime != null) {
                publisher.publish(row, MonitorState.STOPPED, snapshot(row, runtime), true);
            }
        });
        return view(row);
    }

    public void remove(String topic) {
        MonitorRow row = existing(topic);
        quartz(() -> scheduler.deleteJob(jobKey(row.id())));
        withLock(row.id(), () -> {
            supervisions.remove(row.id());
            MonitorRuntime runtime = runtimes.remove(row.id());
            if (runtime != null) {
                runtime.close();
            }
            repository.delete(row.id());
        });
    }

    public List<MonitorView> list() {
        return repository.all().stream().map(this::view).toList();
    }

    public Optional<MonitorView> find(String topic) {
        return repository.byTopic(topic).map(this::view);
    }

    /** The broker's topics, internal ones left out. */
    public List<String> topics() {
        return catalog.names();
    }

    public Optional<MonitorView> find(long id) {
        return repository.byId(id).map(this::view);
    }

    /** One monitor in detail. */
    public MonitorStatus status(String topic) {
        MonitorRow row = existing(topic);
        MonitorRuntime.Snapshot s = facts(row);
        MonitorState state = state(row);
        return new MonitorStatus(row.topic(), row.title(), state, s.points(), s.firstIteration(), s.lastIteration(),
                s.gaps().listed(), s.gaps().count(), s.rate(), s.lag(), s.lastRecord(), s.skipped(), s.lastError(),
                row.restarts(), state == MonitorState.STOPPED || state == MonitorState.FAILED ? null : s.since(),
                effective(row.options()));
    }

    /** The series of a monitor as CSV (series, iteration, index, x, value), read afresh from Kafka if it is not running. */
    public String exportCsv(String topic) {
        MonitorRow row = existing(topic);
        MonitorRuntime runtime = runtimes.get(row.id());
        if (runtime != null && runtime.caughtUp()) {
            return runtime.csv();
        }
        try (TopicIngest ingest = new TopicIngest(catalog, false, bootstrapServers, topic, settings)) {
            ingest.readAll(CATCH_UP_BUDGET);
            return ingest.csv();
        } catch (TopicGoneException e) {
            throw new MonitorException(MonitorMessages.topicGone(topic));
        } catch (KafkaUnreachableException e) {
            throw new MonitorException(MonitorMessages.KAFKA_UNREACHABLE);
        }
    }

    /** True when that message is this monitor's progress message in that chat; button data is checked against it. */
    public boolean showsIn(long monitorId, long chatId, long messageId) {
        return repository.followers(monitorId).stream()
                .anyMatch(f -> f.chatId() == chatId && f.messageId() != null && f.messageId() == messageId);
    }

    /** The chat follows no monitor any more (someone lost access): its charts are no longer edited. */
    public void forgetChat(long chatId) {
        repository.unfollowChat(chatId);
    }

    /** A group became a supergroup with a new id: its monitors follow it there. */
    public void moveChat(long fromChatId, long toChatId) {
        repository.moveChat(fromChatId, toChatId);
    }

    /** One run of a monitor's job: read what is new, tell what happened, redraw when something changed. */
    void tick(long id) {
        withLock(id, () -> {
            Optional<MonitorRow> found = repository.byId(id);
            if (found.isEmpty()) {
                quartz(() -> scheduler.deleteJob(jobKey(id)));
                return;
            }
            MonitorRow row = found.get();
            if (!quartzValue(() -> scheduler.checkExists(triggerKey(id)))) {
                return;
            }
            Supervision sup = supervisions.computeIfAbsent(id, k -> new Supervision());
            if (System.nanoTime() < sup.nextAttempt) {
                return;
            }
            MonitorRuntime runtime = runtimes.computeIfAbsent(id, k -> newRuntime(row.topic()));
            try {
                long fresh = runtime.catchUp(CATCH_UP_BUDGET);
                sup.failures = 0;
                sup.reconnecting = false;
                if (!runtime.caughtUp()) {
                    return; // the rebuild goes on next tick; a half-read series is never drawn
                }
                MonitorRow current = reportRestarts(row, runtime);
                current = watchStall(current, runtime, sup, fresh);
                show(current, state(current), runtime, sup);
            } catch (KafkaUnreachableException e) {
                // Not a failure of ours: wait for the broker as long as it takes.
                if (!sup.reconnecting) {
                    LOG.warn("monitor {}: {}", row.topic(), e.getMessage());
                }
                sup.reconnecting = true;
                showQuietly(row, runtime, sup);
            } catch (RuntimeException e) {
                fail(row, runtime, sup, e);
            }
        });
    }

    private MonitorRow reportRestarts(MonitorRow row, MonitorRuntime runtime) {
        MonitorRuntime.Generation now = runtime.generation();
        MonitorRuntime.Generation before = MonitorRuntime.Generation.parse(row.generation());
        Optional<String> emptied = runtime.takeRestart();
        if (now.restartedFrom(before)) {
            String cause = before.topicId().equals(now.topicId()) ? "new run " + now.run()
                    : "the topic was deleted and created again";
            repository.restarted(row.id(), now.text());
            notifyFollowers(row, MonitorNotice.Kind.RESTARTED, cause);
        } else if (emptied.isPresent()) {
            repository.restarted(row.id());
            notifyFollowers(row, MonitorNotice.Kind.RESTARTED, emptied.get());
        }
        if (!now.text().equals(row.generation())) {
            repository.generation(row.id(), now.text());
        }
        return repository.byId(row.id()).orElse(row);
    }

    private MonitorRow watchStall(MonitorRow row, MonitorRuntime runtime, Supervision sup, long fresh) {
        long now = System.nanoTime();
        if (fresh > 0 || sup.lastData == 0) {
            sup.lastData = now;
        }
        Duration stall = effective(row.options()).stallPeriod();
        boolean held = row.heldState() == MonitorState.STALLED;
        if (held && fresh > 0) {
            repository.heldState(row.id(), null);
            notifyFollowers(row, MonitorNotice.Kind.RESUMED, "");
        } else if (!held && !runtime.finished() && now - sup.lastData > stall.toNanos()) {
            repository.heldState(row.id(), MonitorState.STALLED);
            notifyFollowers(row, MonitorNotice.Kind.STALLED, org.iterwatch.config.Durations.format(stall));
        } else {
            return row;
        }
        return repository.byId(row.id()).orElse(row);
    }

    private void fail(MonitorRow row, MonitorRuntime runtime, Supervision sup, RuntimeException e) {
        sup.failures++;
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn("monitor {} failed ({} in a row): {}", row.topic(), sup.failures, e.toString());
        if (sup.failures < settings.failureLimit()) {
            sup.reconnecting = true;
            long backoff = Math.min(MAX_BACKOFF.toNanos(),
                    effective(row.options()).refreshPeriod().toNanos() << Math.min(20, sup.failures - 1));
            sup.nextAttempt = System.nanoTime() + backoff;
            showQuietly(row, runtime, sup);
            return;
        }
        quartz(() -> scheduler.unscheduleJob(triggerKey(row.id())));
        repository.heldState(row.id(), MonitorState.FAILED);
        supervisions.remove(row.id());
        MonitorRuntime gone = runtimes.remove(row.id());
        notifyFollowers(row, MonitorNotice.Kind.FAILED, "it failed " + sup.failures + " times in a row, last: " + why);
        if (gone != null) {
            try {
                publisher.publish(row, MonitorState.FAILED, snapshot(row, gone), true);
            } catch (RuntimeException ignored) {
                // the notice went out; the chart catches up when the monitor is revived
            } finally {
                gone.close();
            }
        }
    }

    private void show(MonitorRow row, MonitorState state, MonitorRuntime runtime, Supervision sup) {
        MonitorRuntime.Snapshot snapshot = snapshot(row, runtime);
        boolean changed = runtime.changedSinceShown() || state != sup.shown;
        if (publisher.publish(row, state, snapshot, changed)) {
            runtime.markShown(snapshot.version());
            sup.shown = state;
        }
    }

    /** Shows RECONNECTING once the series has been read; a failing chat must not turn into a failed monitor. */
    private void showQuietly(MonitorRow row, MonitorRuntime runtime, Supervision sup) {
        if (!runtime.caughtUp() || sup.shown == MonitorState.RECONNECTING) {
            return;
        }
        try {
            show(row, MonitorState.RECONNECTING, runtime, sup);
        } catch (RuntimeException e) {
            LOG.warn("monitor {}: cannot show its state: {}", row.topic(), e.toString());
        }
    }

    private void notifyFollowers(MonitorRow row, MonitorNotice.Kind kind, String detail) {
        List<Follower> followers = repository.followers(row.id());
        if (!followers.isEmpty()) {
            events.notify(new MonitorNotice(row.id(), row.topic(), kind, detail, followers));
        }
    }

    private MonitorRuntime.Snapshot snapshot(MonitorRow row, MonitorRuntime runtime) {
        return runtime.snapshot(effective(row.options()).xAxis() == XAxis.COORDINATES);
    }

    private MonitorOptions effective(MonitorOptions options) {
        return options.orElse(settings.refreshPeriod(), settings.stallPeriod());
    }

    private MonitorRuntime newRuntime(String topic) {
        var consumer = new KafkaConsumer<byte[], byte[]>(KafkaSettings.consumer(bootstrapServers, "iterwatch-" + topic,
                settings.maxRecordBytes()));
        return new MonitorRuntime(topic, consumer, parser, catalog, settings);
    }

    private MonitorRuntime.Snapshot facts(MonitorRow row) {
        MonitorRuntime runtime = runtimes.get(row.id());
        return runtime == null ? MonitorRuntime.Snapshot.empty() : runtime.facts();
    }

    private MonitorView view(MonitorRow row) {
        MonitorRuntime.Snapshot s = facts(row);
        return new MonitorView(row.id(), row.topic(), row.title(), state(row), s.points(), s.firstIteration(),
                s.lastIteration(), s.lastRecord(), s.skipped());
    }

    private MonitorState state(MonitorRow row) {
        if (row.heldState() == MonitorState.FAILED) {
            return MonitorState.FAILED;
        }
        if (!quartzValue(() -> scheduler.checkExists(triggerKey(row.id())))) {
            return MonitorState.STOPPED;
        }
        Supervision sup = supervisions.get(row.id());
        if (sup != null && sup.reconnecting) {
            return MonitorState.RECONNECTING;
        }
        return row.heldState() == MonitorState.STALLED ? MonitorState.STALLED : MonitorState.RUNNING;
    }

    /** In-memory supervision of one monitor's ticks. */
    private static final class Supervision {
        int failures;
        long nextAttempt;
        long lastData;
        boolean reconnecting;
        MonitorState shown;
    }

    private MonitorRow existing(String topic) {
        checkName(topic);
        return repository.byTopic(topic).orElseThrow(() ->
                new MonitorException(MonitorMessages.noMonitor(topic)));
    }

    private static void checkName(String topic) {
        if (topic != null && topic.length() > TOPIC_MAX) {
            throw new MonitorException(MonitorMessages.tooLong("A Kafka topic name has", TOPIC_MAX, topic));
        }
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new MonitorException(MonitorMessages.NOT_A_TOPIC_NAME);
        }
    }

    /** Refused before anything is stored: the column would refuse it with an error that quotes it whole. */
    private static void checkTitle(String title) {
        if (title != null && title.length() > TITLE_MAX) {
            throw new MonitorException(MonitorMessages.tooLong("A title may have", TITLE_MAX, title));
        }
    }

    private void withLock(long id, Runnable action) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private static JobKey jobKey(long id) {
        return JobKey.jobKey("monitor-" + id, GROUP);
    }

    private static TriggerKey triggerKey(long id) {
        return TriggerKey.triggerKey("monitor-" + id, GROUP);
    }

    private interface QuartzCall<T> {
        T call() throws SchedulerException;
    }

    private interface QuartzAction {
        void run() throws SchedulerException;
    }

    private static void quartz(QuartzAction action) {
        quartzValue(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T quartzValue(QuartzCall<T> call) {
        try {
            return call.call();
        } catch (SchedulerException e) {
            throw new IterwatchException("the monitor scheduler failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot stop the Quartz scheduler: " + e.getMessage(), e);
        } finally {
            runtimes.values().forEach(MonitorRuntime::close);
            runtimes.clear();
            catalog.close();
        }
    }
}
