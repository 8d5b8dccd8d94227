package org.iterwatch.monitor;

import org.iterwatch.config.IterwatchException;
import org.quartz.SchedulerException;

/**
 * Calls on a Quartz scheduler made by {@link QuartzFactory}: Quartz throws its checked {@link SchedulerException}
 * from nearly every method, which we turn into our root exception, naming the scheduler that failed.
 */
public final class QuartzCalls {
    private final String scheduler;

    /** @param scheduler what the scheduler is to a reader of the message, e.g. "the monitor scheduler" */
    public QuartzCalls(String scheduler) {
        this.scheduler = scheduler;
    }

    /** A call on the scheduler that answers something. */
    public interface Call<T> {
        T call() throws SchedulerException;
    }

    /** A call on the scheduler that answers nothing. */
    public interface Action {
        void run() throws SchedulerException;
    }

    public <T> T get(Call<T> call) {
        try {
            return call.call();
        } catch (SchedulerException e) {
            throw new IterwatchException(scheduler + " failed: " + e.getMessage(), e);
        }
    }

    public void run(Action action) {
        get(() -> {
            action.run();
            return null;
        });
    }
}
