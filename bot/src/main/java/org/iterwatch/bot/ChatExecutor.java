package org.iterwatch.bot;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each chat's work in order, different chats in parallel, so a slow command in one chat never
 * holds up another. A failing task is logged and does not stop the ones after it.
 */
final class ChatExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatExecutor.class);
    private final ExecutorService pool;
    private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Threads grow with the chats that have work, so slow work in some chats never starves the others. */
    ChatExecutor() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chat-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    @Override
    public void close() {
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
