package org.iterwatch.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Monitors;
import org.iterwatch.config.Threads;
import org.iterwatch.render.ChartRenderer;
import org.jdbi.v3.core.Jdbi;

/**
 * Adds, starts, stops and removes monitors, and tells how they are: what the chat side asks of monitors.
 * Which monitors run is Quartz's ({@link MonitorSchedule}); the work of a run is a {@link MonitorTick}; what
 * a monitor has read is its reader's published {@link MonitorSnapshot}. So nothing here waits for a tick:
 * not /status, not the listings, not /stop.
 */
public final class MonitorService implements Managed, AutoCloseable {
    /** Ticks end at their next poll once told; this bounds one stuck in a Kafka call or drawing. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final MonitorRepository repository;
    private final TopicCatalog catalog;
    private final MonitorSchedule schedule;
    private final LiveMonitors live;
    private final String bootstrapServers;
    private final Monitors settings;

    /**
     * @param runEnds        whether a topic's calculation said it ended: then its silence is no stall
     * @param storageFailure notes a failure of the database (a full disk, say) and tells whether {@code e} is one:
     *                       such a failure is not the monitor's, and never stops it as failed
     */
    public MonitorService(DataSource dataSource, String bootstrapServers, Monitors settings, ChartRenderer renderer,
                          ProgressListener listener, MonitorEvents events, RunEnds runEnds,
                          Predicate<Throwable> storageFailure) {
        this.repository = new MonitorRepository(Jdbi.create(dataSource));
        this.catalog = new TopicCatalog(bootstrapServers);
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        RecordDecoder decoder = new RecordDecoder(new RecordParser(settings.maxPoints()), settings.maxRecordBytes());
        this.live = new LiveMonitors(topic -> new TopicReader(topic,
                new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, "iterwatch-" + topic, settings.maxRecordBytes())),
                catalog, decoder, settings.maxPointsPerMonitor()));
        this.schedule = new MonitorSchedule(dataSource, settings.threads());
        schedule.runs(new MonitorTick(repository, schedule, live, new Publisher(renderer, listener, repository),
                new Supervisor(repository, events, runEnds), settings, storageFailure));
    }

    /** After the database failed and works again: see {@link MonitorSchedule#restart()}. */
    public void restartScheduler() {
        schedule.restart();
    }

    /**
     * Starts running monitors: those that were running before a restart (or before the active side last
     * stopped) run again and rebuild their series from Kafka.
     */
    @Override
    public void start(Threads threads) {
        live.unhalt();
        schedule.start();
    }

    /**
     * Stops running monitors without forgetting which ones run: Quartz holds its triggers (standby), the ticks
     * under way end at their next poll, and the series are dropped, to be rebuilt from Kafka at the next start.
     */
    @Override
    public void stop() {
        schedule.standby();
        live.halt();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (schedule.ticking() && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(50));
        }
        live.retireAll();
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
        MonitorNames.checkTopic(topic);
        MonitorNames.checkTitle(title);
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
        schedule.add(row.id());
        return view(row);
    }

    /** Changes a monitor's title (when given) and options; a running monitor takes a new refresh period at once. */
    public MonitorView configure(String topic, String title, List<String> options) {
        MonitorRow row = existing(topic);
        MonitorNames.checkTitle(title);
        MonitorOptions changed = row.options().with(options);
        repository.options(row.id(), title == null ? row.title() : title, changed);
        schedule.changePeriod(row.id(), effective(changed).refreshPeriod());
        if (title != null && !title.equals(row.title())) {
            // Drawn at once with the new title, not with the next record.
            schedule.fire(row.id());
        }
        return view(existing(topic));
    }

    /** Starts the monitor (if it was stopped or failed) and makes the chat follow it. */
    public MonitorView start(String topic, long chatId, Long threadId) {
        MonitorRow row = existing(topic);
        repository.follow(row.id(), chatId, threadId);
        if (row.heldState() == MonitorState.FAILED) {
            repository.heldState(row.id(), null);
        }
        live.resume(row.id());
        schedule.run(row.id(), effective(row.options()).refreshPeriod());
        return view(row);
    }

    /**
     * Stops the monitor without waiting for it: a tick reading (even a long rebuild) ends at its next poll,
     * and one last tick draws the stopped chart after it. What was read stays in memory for /start.
     */
    public MonitorView stop(String topic) {
        MonitorRow row = existing(topic);
        live.stop(row.id());
        schedule.stop(row.id());
        return view(row);
    }

    /** @return the chats that showed its chart, with their messages, so that the chat side can take them down */
    public List<Follower> remove(String topic) {
        MonitorRow row = existing(topic);
        List<Follower> followers = repository.followers(row.id());
        schedule.delete(row.id());
        live.retire(row.id());
        repository.delete(row.id());
        return followers;
    }

    /**
     * The chat shows the monitor's chart from now on, without starting or stopping it: a running monitor sends it
     * with its next tick, a stopped one draws what it read (if it read since iterwatch started).
     *
     * @return false when the chat followed it already
     */
    public boolean follow(String topic, long chatId, Long threadId) {
        MonitorRow row = existing(topic);
        boolean already = repository.followers(row.id()).stream().anyMatch(f -> f.chatId() == chatId);
        repository.follow(row.id(), chatId, threadId);
        schedule.fire(row.id());
        return !already;
    }

    /** The chat no longer shows the chart; returns the follower it was (with its message), if it was one. */
    public Optional<Follower> unfollow(String topic, long chatId) {
        MonitorRow row = existing(topic);
        return repository.unfollow(row.id(), chatId);
    }

    public List<MonitorView> list() {
        return repository.all().stream().map(this::view).toList();
    }

    public Optional<MonitorView> find(String topic) {
        return repository.byTopic(topic).map(this::view);
    }

    public Optional<MonitorView> find(long id) {
        return repository.byId(id).map(this::view);
    }

    /** The broker's topics, internal ones left out. */
    public List<String> topics() {
        return catalog.names();
    }

    /** One monitor in detail. */
    public MonitorStatus status(String topic) {
        MonitorRow row = existing(topic);
        MonitorSnapshot s = live.snapshot(row.id());
        MonitorState state = state(row);
        return new MonitorStatus(row.topic(), row.title(), state, s.points(), s.firstIteration(), s.lastIteration(),
                s.gaps().listed(), s.gaps().count(), s.rate(), s.lag(), s.lastRecord(), s.skipped(), s.lastError(),
                row.restarts(), state == MonitorState.STOPPED || state == MonitorState.FAILED ? null : s.since(),
                effective(row.options()), s.progress(),
                live.get(row.id()).map(m -> m.supervision().convergence).orElse(null),
                !s.caughtUp() && state != MonitorState.STOPPED && state != MonitorState.FAILED);
    }

    /**
     * The series of a monitor as CSV (series, iteration, index, x, value): the one in memory once it has been
     * read whole (waiting for a tick under way), else read afresh from Kafka.
     */
    public String exportCsv(String topic) {
        MonitorRow row = existing(topic);
        Optional<String> held = live.get(row.id()).filter(m -> m.snapshot().caughtUp()).flatMap(LiveMonitor::csv);
        if (held.isPresent()) {
            return held.get();
        }
        try (TopicIngest ingest = new TopicIngest(catalog, false, bootstrapServers, topic, settings)) {
            ingest.readAll(MonitorTick.CATCH_UP_BUDGET);
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

    /** The message showing the topic's chart in that chat, if there is one. */
    public Optional<Long> chartMessage(String topic, long chatId) {
        return repository.byTopic(topic).flatMap(row -> repository.followers(row.id()).stream()
                .filter(f -> f.chatId() == chatId && f.messageId() != null).map(Follower::messageId).findFirst());
    }

    /**
     * A press on the view row under a chart message: the chat's message shows another view from the next
     * tick on, which is fired at once. Empty when that message is not this monitor's chart there.
     */
    public Optional<ChartView> changeView(long monitorId, long chatId, long messageId, ChartView.Button button) {
        Optional<Follower> follower = repository.followers(monitorId).stream()
                .filter(f -> f.chatId() == chatId && f.messageId() != null && f.messageId() == messageId).findFirst();
        if (follower.isEmpty()) {
            return Optional.empty();
        }
        ChartView view = follower.get().view().press(button);
        if (!view.equals(follower.get().view())) {
            repository.view(monitorId, chatId, view);
            schedule.fire(monitorId);
        }
        return Optional.of(view);
    }

    /** The chat follows no monitor any more (someone lost access): its charts are no longer edited. */
    public void forgetChat(long chatId) {
        repository.unfollowChat(chatId);
    }

    /** A group became a supergroup with a new id: its monitors follow it there. */
    public void moveChat(long fromChatId, long toChatId) {
        repository.moveChat(fromChatId, toChatId);
    }

    /**
     * A monitor whose series is not (or no longer) in memory, because it is rebuilding after a restart, or stopped
     * or failed before it, is described by what its chart last showed.
     */
    private MonitorView view(MonitorRow row) {
        MonitorSnapshot s = live.snapshot(row.id());
        MonitorState state = state(row);
        boolean finished = s.caughtUp() && live.get(row.id()).map(LiveMonitor::finished).orElse(false);
        if (s.caughtUp()) {
            return new MonitorView(row.id(), row.topic(), row.title(), state, s.points(), s.firstIteration(),
                    s.lastIteration(), s.lastRecord(), s.skipped(), false, finished);
        }
        boolean rebuilding = state != MonitorState.STOPPED && state != MonitorState.FAILED;
        LastKnown last = repository.lastKnown(row.id()).orElse(new LastKnown(s.points(), s.firstIteration(),
                s.lastIteration(), s.lastRecord()));
        return new MonitorView(row.id(), row.topic(), row.title(), state, last.points(), last.firstIteration(),
                last.lastIteration(), last.lastRecord(), s.skipped(), rebuilding, false);
    }

    /** What the chart of the topic last showed, from any thread; empty for a topic without a monitor. */
    public Optional<LastKnown> lastKnown(String topic) {
        return repository.byTopic(topic).map(this::view)
                .map(v -> new LastKnown(v.points(), v.firstIteration(), v.lastIteration(), v.lastUpdate()));
    }

    private MonitorState state(MonitorRow row) {
        return MonitorState.of(row, schedule.isRunning(row.id()), live.reconnecting(row.id()));
    }

    private MonitorOptions effective(MonitorOptions options) {
        return options.orElse(settings.refreshPeriod(), settings.stallPeriod());
    }

    private MonitorRow existing(String topic) {
        MonitorNames.checkTopic(topic);
        return repository.byTopic(topic).orElseThrow(() -> MissingMonitors.explain(topic, repository, catalog));
    }

    @Override
    public void close() {
        live.halt();
        try {
            schedule.shutdown();
        } finally {
            live.retireAll();
            catalog.close();
        }
    }
}
