package org.iterwatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The threads of one part: made on request, remembered, and ended after the part has stopped. */
public final class OwnedThreads implements Threads {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedThreads.class);
    private static final long GRACE_MILLIS = 5_000;
    private final String part;
    private final List<Thread> made = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();

    public OwnedThreads(String part) {
        this.part = part;
    }

    @Override
    public synchronized Thread start(String name, Runnable body) {
        Thread t = thread(name, body);
        t.start();
        return t;
    }

    @Override
    public synchronized ExecutorService pool(String name, int size) {
        return remember(Executors.newFixedThreadPool(size, factory(name)));
    }

    @Override
    public synchronized ExecutorService growing(String name) {
        return remember(Executors.newCachedThreadPool(factory(name)));
    }

    @Override
    public synchronized ScheduledExecutorService scheduler(String name) {
        return remember(Executors.newSingleThreadScheduledExecutor(factory(name)));
    }

    public synchronized List<String> alive() {
        return made.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    /** Shuts the pools down and waits a little for every thread; one that will not end is interrupted and named. */
    public void end() {
        List<ExecutorService> toEnd;
        List<Thread> toJoin;
        synchronized (this) {
            toEnd = List.copyOf(pools);
            toJoin = List.copyOf(made);
        }
        toEnd.forEach(ExecutorService::shutdown);
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        toEnd.forEach(pool -> awaitOrInterrupt(pool, deadline));
        for (Thread t : toJoin) {
            join(t, deadline);
            if (t.isAlive()) {
                LOG.warn("thread {} of {} did not end when it stopped; interrupting it", t.getName(), part);
                t.interrupt();
            }
        }
    }

    private static void awaitOrInterrupt(ExecutorService pool, long deadline) {
        try {
            if (!pool.awaitTermination(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t, long deadline) {
        try {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T extends ExecutorService> T remember(T pool) {
        pools.add(pool);
        return pool;
    }

    private ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return body -> {
            synchronized (this) {
                return thread(name + "-" + n.incrementAndGet(), body);
            }
        };
    }

    private Thread thread(String name, Runnable body) {
        made.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        made.add(t);
        return t;
    }
}
