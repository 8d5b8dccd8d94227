package org.iterwatch.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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
    private final MonitorRepository repository;
    private final MonitorSchedule schedule;
    private final LiveMonitors live;
    private final Publisher publisher;
    private final Supervisor supervisor;
    private final Monitors settings;

    MonitorTick(MonitorRepository repository, MonitorSchedule schedule, LiveMonitors live, Publisher publisher,
                Supervisor supervisor, Monitors settings) {
        this.repository = repository;
        this.schedule = schedule;
        this.live = live;
        this.publisher = publisher;
        this.supervisor = supervisor;
        this.settings = settings;
    }

    void run(long id) {
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
        if (!monitor.enter()) {
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
            }
            MonitorRow current = supervisor.reportRestarts(row, reader);
            current = supervisor.watchStall(current, reader, sup, fresh, effective(current).stallPeriod());
            MonitorOptions options = effective(current);
            supervisor.watchSeries(current, reader, sup, options, options.converge() == null ? null : reader.deltas());
            show(current, MonitorState.of(current, true, false), reader, sup);
        } catch (KafkaUnreachableException e) {
            // Not a failure of ours: wait for the broker as long as it takes.
            if (!sup.reconnecting) {
                LOG.warn("monitor {}: {}", row.topic(), e.getMessage());
            }
            sup.reconnecting = true;
            showQuietly(row, reader, sup);
        } catch (RuntimeException e) {
            fail(row, reader, sup, e);
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
            // Drawn once when it stopped; after that only for a chat that chose another view.
            show(row, MonitorState.STOPPED, monitor.reader(), monitor.supervision());
        } finally {
            monitor.leave();
        }
    }

    private void fail(MonitorRow row, TopicReader reader, Supervision sup, RuntimeException e) {
        sup.failures++;
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn("monitor {} failed ({} in a row): {}", row.topic(), sup.failures, e.toString());
        if (sup.failures < settings.failureLimit()) {
            sup.reconnecting = true;
            long backoff = Math.min(MAX_BACKOFF.toNanos(),
                    effective(row).refreshPeriod().toNanos() << Math.min(20, sup.failures - 1));
            sup.nextAttempt = System.nanoTime() + backoff;
            showQuietly(row, reader, sup);
            return;
        }
        schedule.unschedule(row.id());
        // Closed as this tick leaves; the next /start reads the topic afresh.
        live.retire(row.id());
        supervisor.failed(row, sup.failures, why);
        try {
            publish(row, MonitorState.FAILED, reader, true);
        } catch (RuntimeException ignored) {
            // the notice went out; the chart catches up when the monitor is revived
        }
    }

    private void show(MonitorRow row, MonitorState state, TopicReader reader, Supervision sup) {
        long version = reader.version();
        if (publish(row, state, reader, version != sup.shownVersion || state != sup.shown)) {
            sup.shownVersion = version;
            sup.shown = state;
        }
    }

    /** Shows RECONNECTING once the series has been read; a failing chat must not turn into a failed monitor. */
    private void showQuietly(MonitorRow row, TopicReader reader, Supervision sup) {
        if (!reader.caughtUp() || sup.shown == MonitorState.RECONNECTING) {
            return;
        }
        try {
            show(row, MonitorState.RECONNECTING, reader, sup);
        } catch (RuntimeException e) {
            LOG.warn("monitor {}: cannot show its state: {}", row.topic(), e.toString());
        }
    }

    /** The plot is copied from the series only when someone is to be shown a new picture. */
    private boolean publish(MonitorRow row, MonitorState state, TopicReader reader, boolean changed) {
        MonitorOptions options = effective(row);
        boolean coordinates = options.xAxis() == XAxis.COORDINATES;
        Convergence convergence = options.converge() == null ? null
                : Deltas.convergence(reader.deltas(), options.converge());
        live.get(row.id()).ifPresent(m -> m.supervision().convergence = convergence);
        Plots plots = new Plots() {
            @Override
            public List<PlotSeries> all() {
                return reader.plot(coordinates);
            }

            @Override
            public List<PlotSeries> latest(int count) {
                return reader.latest(coordinates, count);
            }

            @Override
            public List<Deltas.Delta> deltas() {
                return options.converge() == null ? null : reader.deltas();
            }
        };
        return publisher.publish(row, state, reader.snapshot(), plots, convergence, changed);
    }

    private MonitorOptions effective(MonitorRow row) {
        return row.options().orElse(settings.refreshPeriod(), settings.stallPeriod());
    }
}
