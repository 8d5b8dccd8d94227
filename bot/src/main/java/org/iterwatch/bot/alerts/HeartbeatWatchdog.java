package org.iterwatch.bot.alerts;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.subscription.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks four times a second for solvers silent past their heartbeat grace: with a 1 s heartbeat the
 * grace is 3 s, and a once-a-second check would add up to a third of it. A plain scheduled thread: the
 * check keeps no state (that is in the database), so it needs no scheduler of its own. Each start gives
 * every watched solver a fresh grace, since the time this part did not run is not their silence.
 */
public final class HeartbeatWatchdog implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWatchdog.class);
    /** How often the watch list is read (a small table); a late check delays a suspicion by this much. */
    static final long CHECK_MILLIS = 250;
    private final Alerts alerts;
    private final StorageHealth storage;
    private ScheduledExecutorService scheduler;
    /** Only the one scheduler thread reads or writes it, so a long outage is logged once. */
    private boolean failing;

    /** {@code storage} hears of storage failures and logs them for everyone, once a minute. */
    public HeartbeatWatchdog(Alerts alerts, StorageHealth storage) {
        this.alerts = alerts;
        this.storage = storage;
    }

    @Override
    public void start(Threads threads) {
        alerts.freshGraces();
        scheduler = threads.scheduler("heartbeat-watch");
        scheduler.scheduleWithFixedDelay(this::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdown();
    }

    @Override
    public String toString() {
        return "heartbeat watchdog";
    }

    private void check() {
        try {
            int raised = alerts.checkHeartbeats();
            if (raised > 0) {
                LOG.info("{} solvers fell silent: suspected failure raised", raised);
            }
            if (failing) {
                failing = false;
                LOG.info("heartbeat checks work again");
            }
        } catch (RuntimeException e) {
            if (!failing && !storage.failed(e)) {
                failing = true;
                LOG.warn("heartbeat check failed, retrying every {} ms: {}", CHECK_MILLIS, e.toString());
            }
        }
    }
}
