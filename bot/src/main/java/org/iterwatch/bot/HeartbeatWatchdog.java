package org.iterwatch.bot;

import java.util.Properties;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.subscription.Alerts;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks four times a second for solvers silent past their heartbeat grace: with a 1 s heartbeat the
 * grace is 3 s, and a once-a-second check would add up to a third of it. Its own small in-memory
 * Quartz scheduler: the job keeps no state (that is in the database), so nothing needs to be stored,
 * and the monitors' scheduler stays as it is.
 */
final class HeartbeatWatchdog implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWatchdog.class);
    /** How often the watch list is read (a small table); a late check delays a suspicion by this much. */
    static final long CHECK_MILLIS = 250;
    private final Scheduler scheduler;

    /** {@code storage} hears of storage failures and logs them for everyone, once a minute. */
    HeartbeatWatchdog(Alerts alerts, StorageHealth storage) {
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "iterwatch-watchdog");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "1");
        p.put("org.quartz.threadPool.threadNamePrefix", "watchdog");
        p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            Check check = new Check(alerts, storage);
            scheduler.setJobFactory((bundle, s) -> check);
            scheduler.scheduleJob(JobBuilder.newJob(Check.class).withIdentity("heartbeats").build(),
                    TriggerBuilder.newTrigger().startNow().withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(CHECK_MILLIS).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount()).build());
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot create the heartbeat watchdog: " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot start the heartbeat watchdog: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("stopping the heartbeat watchdog failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "heartbeat watchdog";
    }

    @DisallowConcurrentExecution
    static final class Check implements Job {
        private final Alerts alerts;
        private final StorageHealth storage;

        Check(Alerts alerts, StorageHealth storage) {
            this.alerts = alerts;
            this.storage = storage;
        }

        /** One instance serves every run (never two at once), so a long outage is logged once. */
        private boolean failing;

        @Override
        public void execute(JobExecutionContext context) {
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
}
