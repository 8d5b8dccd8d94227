package org.iterwatch.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

/**
 * Adds, starts, stops and removes monitors. Each monitor is a durable Quartz job in the JDBC job
 * store; a running monitor is one whose repeating trigger exists, so the state survives restarts.
 */
public final class MonitorService implements AutoCloseable {
    private static final String GROUP = "monitors";
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Duration CATCH_UP_BUDGET = Duration.ofSeconds(10);

    private final MonitorRepository repository;
    private final TopicCatalog catalog;
    private final Scheduler scheduler;
    private final Publisher publisher;
    private final String bootstrapServers;
    private final Monitors settings;
    private final RecordParser parser;
    private final Map<Long, MonitorRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    public MonitorService(DataSource dataSource, String bootstrapServers, Monitors settings, ChartRenderer renderer,
                          ProgressListener listener) {
        this.repository = new MonitorRepository(Jdbi.create(dataSource));
        this.catalog = new TopicCatalog(bootstrapServers);
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.parser = new RecordParser(settings.maxPoints());
        this.publisher = new Publisher(renderer, listener, repository);
        this.scheduler = QuartzFactory.create(dataSource, settings.threads(), (bundle, s) -> new MonitorJob(this));
    }

    /** Starts the scheduler: monitors that were running before a restart run again. */
    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    public MonitorView add(String topic, String title, long userId, long chatId, Long threadId) {
        checkName(topic);
        if (repository.byTopic(topic).isPresent()) {
            throw new MonitorException("A monitor for " + topic + " exists already. /start " + topic + " shows it here.");
        }
        List<String> topics = catalog.names();
        if (!topics.contains(topic)) {
            List<String> close = catalog.closeTo(topic, topics);
            throw new MonitorException("Topic " + topic + " does not exist in Kafka."
                    + (close.isEmpty() ? "" : " Did you mean: " + String.join(", ", close) + "?"));
        }
        MonitorRow row = repository.insert(topic, title, userId);
        repository.follow(row.id(), chatId, threadId);
        quartz(() -> scheduler.addJob(JobBuilder.newJob(MonitorJob.class).withIdentity(jobKey(row.id()))
                .usingJobData(MonitorJob.MONITOR_ID, String.valueOf(row.id()))
                .storeDurably().requestRecovery().build(), false));
        return view(row);
    }

    /** Starts the monitor (if it was stopped) and makes the chat follow it. */
    public MonitorView start(String topic, long chatId, Long threadId) {
        MonitorRow row = existing(topic);
        repository.follow(row.id(), chatId, threadId);
        quartz(() -> {
            if (!scheduler.checkExists(triggerKey(row.id()))) {
                scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(triggerKey(row.id()))
                        .forJob(jobKey(row.id())).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(settings.refreshPeriod().toMillis())
                                .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
            } else {
                scheduler.triggerJob(jobKey(row.id()));
            }
        });
        return view(row);
    }

    public MonitorView stop(String topic) {
        MonitorRow row = existing(topic);
        quartz(() -> scheduler.unscheduleJob(triggerKey(row.id())));
        withLock(row.id(), () -> {
            MonitorRuntime runtime = runtimes.get(row.id());
            if (runtime != null) {
                publisher.publish(row, MonitorState.STOPPED, runtime.snapshot(), true);
            }
        });
        return view(row);
    }

    public void remove(String topic) {
        MonitorRow row = existing(topic);
        quartz(() -> scheduler.deleteJob(jobKey(row.id())));
        withLock(row.id(), () -> {
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

    /** The chat side reports a progress message Telegram confirmed (sent later than {@link ProgressListener#show}). */
    public void shown(long monitorId, ShownMessage message) {
        repository.shown(monitorId, message);
    }

    /** A group became a supergroup with a new id: its monitors follow it there. */
    public void moveChat(long fromChatId, long toChatId) {
        repository.moveChat(fromChatId, toChatId);
    }

    /** One run of a monitor's job: read what is new, redraw when something changed. */
    void tick(long id) {
        withLock(id, () -> {
            Optional<MonitorRow> row = repository.byId(id);
            if (row.isEmpty()) {
                quartz(() -> scheduler.deleteJob(jobKey(id)));
                return;
            }
            if (state(id) != MonitorState.RUNNING) {
                return;
            }
            MonitorRuntime runtime = runtimes.computeIfAbsent(id, k -> newRuntime(row.get().topic()));
            runtime.catchUp(CATCH_UP_BUDGET);
            MonitorRuntime.Snapshot snapshot = runtime.snapshot();
            if (publisher.publish(row.get(), MonitorState.RUNNING, snapshot, runtime.changedSinceShown())) {
                runtime.markShown(snapshot.version());
            }
        });
    }

    private MonitorRuntime newRuntime(String topic) {
        var consumer = new KafkaConsumer<byte[], byte[]>(KafkaSettings.consumer(bootstrapServers, "iterwatch-" + topic));
        return new MonitorRuntime(topic, consumer, parser);
    }

    private MonitorView view(MonitorRow row) {
        MonitorRuntime runtime = runtimes.get(row.id());
        MonitorRuntime.Snapshot s = runtime == null ? MonitorRuntime.Snapshot.empty() : runtime.snapshot();
        return new MonitorView(row.id(), row.topic(), row.title(), state(row.id()), s.points(), s.firstIteration(),
                s.lastIteration(), s.lastRecord(), s.skipped());
    }

    private MonitorState state(long id) {
        boolean running = quartzValue(() -> scheduler.checkExists(triggerKey(id)));
        return running ? MonitorState.RUNNING : MonitorState.STOPPED;
    }

    private MonitorRow existing(String topic) {
        checkName(topic);
        return repository.byTopic(topic).orElseThrow(() ->
                new MonitorException("There is no monitor for " + topic + ". Add one with /add " + topic + "."));
    }

    private static void checkName(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new MonitorException("That is not a Kafka topic name: use letters, digits, '.', '_' and '-', at most 249 characters.");
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
    public void close() {
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
