package org.iterwatch.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The only place a part gets threads from. Every thread is a named daemon thread owned by the lifecycle,
 * which lists them and ends them when their part stops; names read "{@code name}" or "{@code name-n}".
 */
public interface Threads {
    /** One thread running {@code body}, started at once. */
    Thread start(String name, Runnable body);

    /** A fixed pool of {@code size} threads. */
    ExecutorService pool(String name, int size);

    /** A pool that grows with the work waiting and shrinks when idle. */
    ExecutorService growing(String name);

    /** One thread for delayed and periodic tasks. */
    ScheduledExecutorService scheduler(String name);
}
