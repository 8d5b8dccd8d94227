package org.iterwatch.bot.ha;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.iterwatch.config.Fence;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Pause;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one active instance among those sharing a PostgreSQL database, by a lease row with a fencing
 * token ({@link LeaseTable}). The holder renews it five times a lease; a standby tries to take it four times
 * a second. The active side (polling, delivery, monitors, outbox, watchdogs) runs only while this instance
 * holds the lease.
 *
 * <p>As a {@link Fence}: the lease counts as held by this instance's own monotonic clock until three quarters
 * of a lease after the start of the last renewal that succeeded, which is before the database lets anyone else
 * take it. A process paused past that (GC, SIGSTOP, a frozen VM) finds the fence closed the instant it wakes,
 * before any renewal, so none of its threads can call Telegram or claim an alert; this thread then steps down.
 */
public final class Election implements Managed, Fence {
    private static final Logger LOG = LoggerFactory.getLogger(Election.class);
    private static final long STANDBY_POLL_MILLIS = 250;

    private final LeaseTable table;
    private final String me;
    private final Duration lease;
    private volatile Runnable startActive = () -> { };
    private volatile Runnable stopActive = () -> { };
    private final AtomicLong failoversSeen = new AtomicLong();
    private volatile long token = -1;
    private volatile long validUntilNanos;
    private volatile boolean running;
    private volatile String lastHolder = "";
    private Thread thread;

    public Election(DataSource dataSource, String me, Duration lease) {
        this.table = new LeaseTable(dataSource);
        this.me = me;
        this.lease = lease;
    }

    /**
     * What the election switches, given before it starts (the active side is wired after the parts that need
     * this fence).
     *
     * @param startActive starts the active side when this instance becomes active
     * @param stopActive  stops it (and waits for it) when this instance steps down or shuts down
     */
    public void governs(Runnable startActive, Runnable stopActive) {
        this.startActive = startActive;
        this.stopActive = stopActive;
    }

    @Override
    public void start(Threads threads) {
        running = true;
        thread = threads.start("election", this::run);
    }

    @Override
    public boolean holds() {
        return token >= 0 && System.nanoTime() - validUntilNanos < 0;
    }

    public boolean active() {
        return token >= 0;
    }

    public String instanceName() {
        return me;
    }

    /** The active instance as the database says (this one's name, another's, or "" when none holds a lease). */
    public String activeInstance() {
        return lastHolder;
    }

    /** Takeovers of a lease that ran out, by any instance, since the database was set up. */
    public long failovers() {
        return failoversSeen.get();
    }

    private void run() {
        while (running) {
            try {
                if (token < 0) {
                    tryToTakeOver();
                } else {
                    renew();
                }
            } catch (RuntimeException e) {
                LOG.warn("lease check failed: {}", e.toString());
            }
            if (!Pause.of(token >= 0 ? lease.toMillis() / 5 : STANDBY_POLL_MILLIS)) {
                running = false;
            }
        }
    }

    private void tryToTakeOver() {
        long started = System.nanoTime();
        OptionalLong taken = table.acquire(me, lease);
        if (taken.isEmpty()) {
            observe();
            return;
        }
        validUntilNanos = started + lease.toNanos() * 3 / 4;
        token = taken.getAsLong();
        observe();
        LOG.info("this instance ({}) is active now (lease token {})", me, token);
        startActive.run();
    }

    private void renew() {
        if (!holds()) {
            stepDown("its lease ran out by its own clock (the process was paused or the database unreachable for "
                    + "longer than " + lease.toMillis() * 3 / 4 + " ms)");
            return;
        }
        long started = System.nanoTime();
        boolean renewed;
        try {
            renewed = table.renew(token, lease);
        } catch (RuntimeException e) {
            LOG.warn("renewing the lease failed ({}); trying again while it lasts", e.toString());
            return;
        }
        if (renewed) {
            validUntilNanos = started + lease.toNanos() * 3 / 4;
        } else {
            stepDown("another instance holds the lease now");
        }
    }

    private void observe() {
        LeaseTable.Holder holder = table.holder();
        lastHolder = holder.live() ? holder.name() : "";
        failoversSeen.set(holder.failovers());
    }

    private void stepDown(String why) {
        long lost = token;
        token = -1;
        lastHolder = "";
        LOG.warn("this instance ({}) steps down to standby: {}; nothing more is sent from here (lease token {})", me, why,
                lost);
        stopActive.run();
        try {
            observe();
        } catch (RuntimeException e) {
            lastHolder = "";
        }
        LOG.info("this instance ({}) is standby now; active: {}", me, lastHolder.isEmpty() ? "none yet" : lastHolder);
    }

    /** A clean shutdown hands over at once: the active side stops (finishing what it sent), then the lease is released. */
    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long held = token;
        if (held >= 0) {
            stopActive.run();
            token = -1;
            try {
                table.release(held);
                LOG.info("lease released: another instance can take over at once");
            } catch (RuntimeException e) {
                LOG.warn("releasing the lease failed ({}); another instance takes over when it runs out", e.toString());
            }
        }
    }
}
