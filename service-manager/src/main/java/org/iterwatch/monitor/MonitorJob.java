package org.iterwatch.monitor;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind a monitor: each execution is one {@link MonitorTick}, never two of a monitor at once.
 *
 * <p>The monitor's tick lock keeps that rule, not Quartz' {@code @DisallowConcurrentExecution}: with it, every
 * fire and every completion updated the states of the job's triggers in the job store and woke the scheduler
 * to acquire again, which at 500 monitors was a fifth of a core. A repeat that comes while the monitor's last
 * tick still reads is skipped (as Quartz skipped it); a one-off tick (a stop's, a new view's) waits its turn.
 */
final class MonitorJob implements Job {
    static final String MONITOR_ID = "monitorId";
    private static final Logger LOG = LoggerFactory.getLogger(MonitorJob.class);
    private final MonitorTick tick;

    MonitorJob(MonitorTick tick) {
        this.tick = tick;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long id = Long.parseLong(context.getMergedJobDataMap().getString(MONITOR_ID));
        try {
            tick.run(id, !MonitorSchedule.isRepeat(context.getTrigger().getKey()));
        } catch (RuntimeException e) {
            if (tick.storageFailed(e)) {
                return;
            }
            // The next trigger tries again; one bad tick must not unschedule the monitor.
            LOG.warn("monitor {} tick failed: {}", id, e.toString());
        }
    }
}
