package org.iterwatch.bot.digest;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** One chat's digest, as Quartz runs it: finds {@link Digests} in the scheduler's context and sends it. */
@DisallowConcurrentExecution
public final class DigestJob implements Job {
    static final String CHAT = "chat";
    static final String THREAD = "thread";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        String thread = data.getString(THREAD);
        try {
            Digests digests = (Digests) context.getScheduler().getContext().get(Digests.CONTEXT_KEY);
            digests.send(Long.parseLong(data.getString(CHAT)), thread == null || thread.isEmpty() ? null : Long.valueOf(thread));
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("digest for chat " + data.getString(CHAT) + " not sent: " + e.getMessage(), e);
        }
    }
}
