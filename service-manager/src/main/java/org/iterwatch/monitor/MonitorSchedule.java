package org.iterwatch.monitor;

import java.time.Duration;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * When monitors tick. Each monitor is a durable Quartz job in the JDBC job store; a running monitor is one
 * whose repeating trigger exists, so which monitors run survives restarts. Quartz runs a monitor's ticks one
 * after another ({@link MonitorJob} disallows concurrent execution) on its worker threads
 * ({@code monitor-1..n}), which the scheduler owns.
 */
final class MonitorSchedule {
    private static final String GROUP = "monitors";
    private static final QuartzCalls QUARTZ = new QuartzCalls("the monitor scheduler");
    private final DataSource dataSource;
    private final int threads;
    /** Replaced only by {@link #restart()}. */
    private volatile Scheduler scheduler;
    private MonitorTick tick;
    /** Between {@link #start()} and {@link #standby()}: only then is there a running scheduler to restart. */
    private boolean running;

    MonitorSchedule(DataSource dataSource, int threads) {
        this.dataSource = dataSource;
        this.threads = threads;
        this.scheduler = QuartzFactory.create(dataSource, threads);
    }

    /** What each tick runs; set once, before {@link #start()}. */
    void runs(MonitorTick tick) {
        this.tick = tick;
        QUARTZ.run(() -> scheduler.setJobFactory((bundle, s) -> new MonitorJob(tick)));
    }

    /**
     * After the database failed and works again. Quartz keeps its triggers' states in the database, and a
     * write the database lost when it failed (a full disk) can leave a trigger marked as running for good,
     * so its monitor never ticks again; Quartz sets such states right when it starts, so it is started anew.
     */
    synchronized void restart() {
        if (!running) {
            return;
        }
        QUARTZ.run(() -> {
            scheduler.shutdown(true);
            Scheduler fresh = QuartzFactory.create(dataSource, threads);
            fresh.setJobFactory((bundle, s) -> new MonitorJob(tick));
            try {
                fresh.start();
            } catch (SchedulerException e) {
                // The next restart creates another; this one must not keep threads (or the process) alive.
                fresh.shutdown(false);
                throw e;
            }
            scheduler = fresh;
        });
    }

    /** A new monitor: its job exists, not yet running. */
    void add(long id) {
        QUARTZ.run(() -> scheduler.addJob(JobBuilder.newJob(MonitorJob.class).withIdentity(jobKey(id))
                .usingJobData(MonitorJob.MONITOR_ID, String.valueOf(id))
                .storeDurably().requestRecovery().build(), false));
    }

    /** Runs the monitor every {@code period}, or, when it runs already, ticks it once at once. */
    void run(long id, Duration period) {
        QUARTZ.run(() -> {
            if (!scheduler.checkExists(triggerKey(id))) {
                scheduler.scheduleJob(trigger(id, period));
            } else {
                scheduler.triggerJob(jobKey(id));
            }
        });
    }

    /** A running monitor takes the new period at once; a stopped one keeps it for its next start. */
    void changePeriod(long id, Duration period) {
        if (isRunning(id)) {
            QUARTZ.run(() -> scheduler.rescheduleJob(triggerKey(id), trigger(id, period)));
        }
    }

    /**
     * Stops the repetition and fires one last tick, which runs once the tick under way (if any) has ended
     * and draws the stopped chart.
     */
    void stop(long id) {
        QUARTZ.run(() -> {
            scheduler.unscheduleJob(triggerKey(id));
            scheduler.triggerJob(jobKey(id));
        });
    }

    /**
     * One tick now, running or not: a running monitor reads, a stopped one draws its stopped chart for new
     * followers or for a chat that chose another view.
     */
    void fire(long id) {
        QUARTZ.run(() -> scheduler.triggerJob(jobKey(id)));
    }

    /** Stops the repetition, with no last tick: the caller draws what is left. */
    void unschedule(long id) {
        QUARTZ.run(() -> scheduler.unscheduleJob(triggerKey(id)));
    }

    void delete(long id) {
        QUARTZ.run(() -> scheduler.deleteJob(jobKey(id)));
    }

    boolean isRunning(long id) {
        return QUARTZ.get(() -> scheduler.checkExists(triggerKey(id)));
    }

    synchronized void start() {
        QUARTZ.run(scheduler::start);
        running = true;
    }

    /** No new ticks begin; the triggers are kept for the next {@link #start()}. */
    synchronized void standby() {
        running = false;
        QUARTZ.run(scheduler::standby);
    }

    boolean ticking() {
        return !QUARTZ.get(scheduler::getCurrentlyExecutingJobs).isEmpty();
    }

    /** Waits for the ticks under way and ends the worker threads. */
    void shutdown() {
        QUARTZ.run(() -> scheduler.shutdown(true));
    }

    private static Trigger trigger(long id, Duration period) {
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(id)).forJob(jobKey(id)).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(period.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** Whether a tick was fired by a monitor's repetition rather than once ({@code triggerJob}: a stop, a view). */
    static boolean isRepeat(TriggerKey key) {
        return GROUP.equals(key.getGroup());
    }

    private static JobKey jobKey(long id) {
        return JobKey.jobKey("monitor-" + id, GROUP);
    }

    private static TriggerKey triggerKey(long id) {
        return TriggerKey.triggerKey("monitor-" + id, GROUP);
    }
}
