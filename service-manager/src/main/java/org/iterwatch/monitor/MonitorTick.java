package org.iterwatch.monitor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.iterwatch.config.Monitors;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.PreviousRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a monitor's job: read what is new, tell followers what happened, redraw when something changed.
 * A tick of a stopped monitor draws its stopped chart, once; /stop fires one for that.
 */
final class MonitorTick {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorTick.class);
    /** A tick reads at most this long, so a monitor rebuilding a huge topic still lets the others tick. */
    static final Duration CATCH_UP_BUDGET = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /**
     * How often a running monitor's counts are stored for /status while a restart rebuilds its series (each state
     * change is stored at once). Stored on every changed tick, they were one write per tick: 250 a second at 500
     * monitors; a restart now shows counts at most this old for the seconds the rebuild takes.
     */
    static final Duration LAST_KNOWN_EVERY = Duration.ofSeconds(10);
    private final MonitorRepository repository;
    private final MonitorSchedule schedule;
    private final LiveMonitors live;
    private final Publisher publisher;
    private final Supervisor supervisor;
    private final Monitors settings;
    private final Predicate<Throwable> storageFailure;

    MonitorTick(MonitorRepository repository, MonitorSchedule schedule, LiveMonitors live, Publisher publisher,
                Supervisor supervisor, Monitors settings, Predicate<Throwable> storageFailure) {
        this.repository = repository;
        this.schedule = schedule;
        this.live = live;
        this.publisher = publisher;
        this.supervisor = supervisor;
        this.settings = settings;
        this.storageFailure = storageFailure;
    }

    /** Whether {@code e} is the database failing; it is noted where storage health is kept, and logged there. */
    boolean storageFailed(RuntimeException e) {
        return storageFailure.test(e);
    }

    /** @param waitForTurn whether to wait for a tick of the monitor under way, or else to leave at once */
    void run(long id, boolean waitForTurn) {
        Optional<MonitorRow> found = repository.byId(id);
        if (found.isEmpty()) {
            schedule.delete(id);
            return;
        }
        MonitorRow row = found.get();
        if (!schedule.isRunning(id)) {
            showStopped(row);
            return;
        }
        Optional<LiveMonitor> known = live.get(id);
        LiveMonitor monitor = known.orElseGet(() -> live.obtain(id, row.topic()));
        if (known.isEmpty() && !schedule.isRunning(id)) {
            // Removed or stopped while its reader was being made: a reader nobody retires must not stay open.
            live.retire(id);
            return;
        }
        if (!(waitForTurn ? monitor.enter() : monitor.tryEnter())) {
            return;
        }
        try {
            tick(row, monitor, monitor.supervision());
        } finally {
            monitor.leave();
        }
    }

    private void tick(MonitorRow row, LiveMonitor monitor, Supervision sup) {
        BooleanSupplier stop = () -> live.stopRequested(row.id()) || monitor.retired();
        if (System.nanoTime() < sup.nextAttempt || stop.getAsBoolean()) {
            return;
        }
        TopicReader reader = monitor.reader();
        try {
            Double limit = effective(row).limit();
            reader.limit(limit == null ? Double.POSITIVE_INFINITY : limit);
            long fresh = reader.catchUp(CATCH_UP_BUDGET, stop);
            sup.failures = 0;
            sup.reconnecting = false;
            if (!reader.caughtUp() || stop.getAsBoolean()) {
                // A half-read series is never drawn: the rebuild goes on next tick. A stopped one is drawn
                // by the tick its stop fired.
                return;
            }
            PreviousRun ended = reader.takeEnded();
            if (ended != null) {
                repository.previousRun(row.id(), ended);
                sup.previousRun = null;
            }
            MonitorRow current = supervisor.reportRestarts(row, reader);
            current = supervisor.watchStall(current, reader, sup, fresh, effective(current).stallPeriod());
            MonitorOptions options = effective(current);
            supervisor.watchSeries(current, reader, sup, options, options.converge() == null ? null : reader.deltas());
            show(current, MonitorState.of(current, true, false), monitor, sup);
        } catch (KafkaUnreachableException e) {
            // Not a failure of ours: wait for the broker as long as it takes.
            if (!sup.reconnecting) {
                LOG.warn("monitor {}: {}", row.topic(), e.getMessage());
            }
            sup.reconnecting = true;
            showQuietly(row, monitor, sup);
        } catch (RuntimeException e) {
            if (storageFailed(e)) {
                // Not the monitor's failure: it goes on where it was once the database takes writes again,
                // however long that takes. The next trigger tries again.
                return;
            }
            fail(row, monitor, sup, e);
        }
    }

    /** Its series as read when it stopped, labelled stopped; nothing when it never read or shows that already. */
    private void showStopped(MonitorRow row) {
        Optional<LiveMonitor> found = live.get(row.id());
        if (found.isEmpty() || row.heldState() == MonitorState.FAILED || !found.get().enter()) {
            return;
        }
        LiveMonitor monitor = found.get();
        try {
            // Shown already: only followers still without a message are served (a /follow, a changed title).
            show(row, MonitorState.STOPPED, monitor, monitor.supervision());
        } finally {
            monitor.leave();
        }
    }

    private void fail(MonitorRow row, LiveMonitor monitor, Supervision sup, RuntimeException e) {
        sup.failures++;
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn("monitor {} failed ({} in a row): {}", row.topic(), sup.failures, e.toString());
        if (sup.failures < settings.failureLimit()) {
            sup.reconnecting = true;
            long backoff = Math.min(MAX_BACKOFF.toNanos(),
                    effective(row).refreshPeriod().toNanos() << Math.min(20, sup.failures - 1));
            sup.nextAttempt = System.nanoTime() + backoff;
            showQuietly(row, monitor, sup);
            return;
        }
        schedule.unschedule(row.id());
        // Closed as this tick leaves; the next /start reads the topic afresh.
        live.retire(row.id());
        supervisor.failed(row, sup.failures, why);
        try {
            storeLastKnown(row, monitor, sup);
            publish(row, MonitorState.FAILED, monitor, true);
        } catch (RuntimeException ignored) {
            // the notice went out; the chart catches up when the monitor is revived
        }
    }

    private void show(MonitorRow row, MonitorState state, LiveMonitor monitor, Supervision sup) {
        long version = monitor.reader().version();
        boolean stateChanged = state != sup.shown; // also the first show of a (fresh) supervision
        boolean changed = stateChanged || version != sup.shownVersion || !Objects.equals(row.title(), sup.shownTitle);
        if (stateChanged || changed && System.nanoTime() - sup.lastKnownStored >= LAST_KNOWN_EVERY.toNanos()) {
            storeLastKnown(row, monitor, sup);
        }
        publish(row, state, monitor, changed);
        sup.shownVersion = version;
        sup.shown = state;
        sup.shownTitle = row.title();
    }

    private void storeLastKnown(MonitorRow row, LiveMonitor monitor, Supervision sup) {
        repository.lastKnown(row.id(), monitor.reader().snapshot());
        sup.lastKnownStored = System.nanoTime();
    }

    /** Shows RECONNECTING once the series has been read; a failing chat must not turn into a failed monitor. */
    private void showQuietly(MonitorRow row, LiveMonitor monitor, Supervision sup) {
        if (!monitor.reader().caughtUp() || sup.shown == MonitorState.RECONNECTING) {
            return;
        }
        try {
            show(row, MonitorState.RECONNECTING, monitor, sup);
        } catch (RuntimeException e) {
            LOG.warn("monitor {}: cannot show its state: {}", row.topic(), e.toString());
        }
    }

    /** Nothing is drawn here: the chart is drawn when a chat's turn to send it comes. */
    private void publish(MonitorRow row, MonitorState state, LiveMonitor monitor, boolean changed) {
        MonitorOptions options = effective(row);
        Convergence convergence = options.converge() == null ? null
                : Deltas.convergence(monitor.reader().deltas(), options.converge());
        monitor.supervision().convergence = convergence;
        publisher.publish(row, state, monitor, options.xAxis() == XAxis.COORDINATES, convergence, changed);
    }

    private MonitorOptions effective(MonitorRow row) {
        return row.options().orElse(settings.refreshPeriod(), settings.stallPeriod());
    }
}
