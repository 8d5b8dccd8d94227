package org.iterwatch.bot.chat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each chat's work in order, different chats in parallel, so a slow command in one chat never
 * holds up another. A failing task is logged and does not stop the ones after it.
 */
public final class ChatExecutor implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ChatExecutor.class);
    private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile ExecutorService pool;

    /** Threads grow with the chats that have work, so slow work in some chats never starves the others. */
    @Override
    public void start(Threads threads) {
        pool = threads.growing("chat");
    }

    void submit(long chatId, Runnable task) {
        tails.compute(chatId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = previous.thenRunAsync(() -> runSafely(chatId, task), pool);
            next.whenComplete((ok, error) -> tails.remove(id, next));
            return next;
        });
    }

    private static void runSafely(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("handling an update from chat {} failed", chatId, e);
        }
    }

    /** Lets the work already taken finish, so no update whose offset was confirmed is left undone. */
    @Override
    public void stop() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
