package org.iterwatch.monitor;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job behind a monitor: each execution is one {@link MonitorTick}, never two of a monitor at once. */
@DisallowConcurrentExecution
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
            tick.run(id);
        } catch (RuntimeException e) {
            if (tick.storageFailed(e)) {
                return;
            }
            // The next trigger tries again; one bad tick must not unschedule the monitor.
            LOG.warn("monitor {} tick failed: {}", id, e.toString());
        }
    }
}
