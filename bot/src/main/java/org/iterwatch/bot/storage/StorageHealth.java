package org.iterwatch.bot.storage;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether iterwatch can store what it accepts. Whatever sees the disk or the database fail reports it
 * here; from then on the process is degraded: {@code /healthz} says why, new events are refused with 503,
 * and a test write every few seconds finds out when storing works again. The log gets one line when it
 * starts, one a minute while it lasts and one when it is over, however many operations fail in between.
 */
public final class StorageHealth implements Managed {
    static final Duration PROBE_PERIOD = Duration.ofSeconds(5);
    /** What a refused client is told to wait: storing is checked again by then. */
    public static final Duration RETRY_AFTER = PROBE_PERIOD;
    static final Duration LOG_PERIOD = Duration.ofMinutes(1);
    /** Below this the data directory's disk counts as full, before the database or the broker find out. */
    static final long MIN_FREE_BYTES = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(StorageHealth.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Path localDisk;
    private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService prober;
    private FoldedFailureLogs folded;
    /** Whether {@link #problem} is set; read on every logging call, so without the lock. */
    private volatile boolean degraded;
    private Problem problem;
    private long lastLogged;
    private long failuresSinceLog;
    /** Storage works again, and what must be set right after it failed has not yet been (prober thread only). */
    private boolean settingRight;

    private record Problem(long since, String reason) {
    }

    /** @param localDisk the directory whose disk holds the database or the broker, or null when neither is local */
    private DataSource dataSource;

    public StorageHealth(Clock clock, Path localDisk) {
        this.clock = clock;
        this.localDisk = localDisk;
    }

    /**
     * Something to set right once storing works again (run on the checking thread, right after storage is
     * counted as working again; a failure of it is logged and does not count against storage).
     */
    public void onRecovery(Runnable action) {
        onRecovery.add(action);
    }

    /** The database to probe by a test write while storing fails; set before {@link #start}. */
    public void watch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts watching: the free space all the time, the database by a test write while storing fails. */
    @Override
    public void start(Threads threads) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            folded = new FoldedFailureLogs(this);
            logback.addTurboFilter(folded);
        }
        prober = threads.scheduler("storage-health");
        prober.scheduleWithFixedDelay(() -> probe(dataSource), 0, PROBE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (prober != null) {
            prober.shutdownNow();
        }
        if (folded != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getTurboFilterList().remove(folded);
        }
    }

    /** Notes {@code e} if it is a storage failure (not, e.g., a bad statement); returns whether it was. */
    public boolean failed(Throwable e) {
        if (!StorageFailures.isStorageFailure(e)) {
            return false;
        }
        failing(StorageFailures.reason(e));
        return true;
    }

    /** Empty while storing works; else since when it fails and why, for {@code /healthz} and refusals. */
    public synchronized Optional<String> problem() {
        return problem == null ? Optional.empty()
                : Optional.of("storage failing since " + TIME.format(Instant.ofEpochMilli(problem.since())) + ": "
                + problem.reason());
    }

    void probe(DataSource dataSource) {
        try {
            long free = freeBytes();
            if (free < MIN_FREE_BYTES) {
                failing("disk almost full: " + free / 1024 + " KB free under " + localDisk + " (iterwatch needs at least "
                        + MIN_FREE_BYTES / (1024 * 1024) + " MB)");
            } else if (degraded()) {
                testWrite(dataSource);
                recovered();
                settingRight = true;
            }
            if (settingRight && !degraded()) {
                settingRight = !setRight();
            }
        } catch (RuntimeException e) {
            if (!failed(e)) {
                failing(StorageFailures.reason(e));
            }
        }
    }

    /**
     * Storage works again before this runs (events are taken again at once); what it sets right (the monitors'
     * scheduler) must not keep storage counted as failing, nor stop the checks, when it fails itself.
     */
    private boolean setRight() {
        try {
            onRecovery.forEach(Runnable::run);
            return true;
        } catch (RuntimeException e) {
            // Monitors that never tick again would be a silent outage: tried again at the next check.
            LOG.warn("storage works again, but setting things right after it failed (tried again in {} s): {}",
                    PROBE_PERIOD.toSeconds(), e.toString());
            return false;
        }
    }

    boolean degraded() {
        return degraded;
    }

    private synchronized void failing(String reason) {
        long now = clock.millis();
        failuresSinceLog++;
        if (problem == null) {
            problem = new Problem(now, reason);
            degraded = true;
            log(now, "storage failing: {}; new events are refused with 503, checked again every {} s",
                    reason, PROBE_PERIOD.toSeconds());
            return;
        }
        problem = new Problem(problem.since(), reason);
        if (now - lastLogged >= LOG_PERIOD.toMillis()) {
            log(now, "storage still failing since {} ({} failures in the last minute): {}",
                    TIME.format(Instant.ofEpochMilli(problem.since())), failuresSinceLog, reason);
        }
    }

    private void log(long now, String format, Object... args) {
        LOG.warn(format, args);
        lastLogged = now;
        failuresSinceLog = 0;
    }

    private synchronized void recovered() {
        if (problem != null) {
            LOG.info("storage works again after {} s; events are accepted again",
                    (clock.millis() - problem.since()) / 1000);
            problem = null;
            degraded = false;
        }
    }

    private long freeBytes() {
        if (localDisk == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Files.getFileStore(localDisk).getUsableSpace();
        } catch (IOException e) {
            throw new IterwatchException("cannot read the free space of " + localDisk + ": " + e.getMessage(), e);
        }
    }

    /** One row written and committed: reads may work on a disk that takes no more writes. */
    private void testWrite(DataSource dataSource) {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            if (update(c, "UPDATE storage_probe SET checked_at = ? WHERE id = 1", now) == 0) {
                update(c, "INSERT INTO storage_probe (id, checked_at) VALUES (1, ?)", now);
            }
        } catch (SQLException e) {
            throw new IterwatchException("the database takes no writes: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, long value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, value);
            return s.executeUpdate();
        }
    }
}
