package org.iterwatch.monitor;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job behind a running monitor: one tick reads new records and redraws if they changed. */
@DisallowConcurrentExecution
final class MonitorJob implements Job {
    static final String MONITOR_ID = "monitorId";
    private static final Logger LOG = LoggerFactory.getLogger(MonitorJob.class);
    private final MonitorService service;

    MonitorJob(MonitorService service) {
        this.service = service;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long id = Long.parseLong(context.getMergedJobDataMap().getString(MONITOR_ID));
        try {
            service.tick(id);
        } catch (RuntimeException e) {
            // The next trigger tries again; one bad tick must not unschedule the monitor.
            LOG.warn("monitor {} tick failed: {}", id, e.toString());
        }
    }
}
