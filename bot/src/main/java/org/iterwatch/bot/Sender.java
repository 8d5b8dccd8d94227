package org.iterwatch.bot;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.iterwatch.config.IterwatchException;

/**
 * Runs a Bot API call for a chat, obeying 429 retry_after per chat and retrying transient
 * failures a few times with backoff. Other failures go straight back to the caller.
 */
final class Sender {
    private static final int ATTEMPTS = 4;
    private final Map<Long, Long> quietUntil = new ConcurrentHashMap<>();

    <T> T send(long chatId, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            waitForChat(chatId);
            try {
                return call.get();
            } catch (TelegramFailure e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                switch (e.kind()) {
                    case RATE_LIMITED -> quietUntil.merge(chatId,
                            System.nanoTime() + Duration.ofSeconds(e.retryAfterSeconds()).toNanos(), Math::max);
                    case TRANSIENT -> sleep(Duration.ofMillis(250L << attempt));
                    default -> throw e;
                }
            }
        }
    }

    void send(long chatId, Runnable call) {
        send(chatId, () -> {
            call.run();
            return null;
        });
    }

    private void waitForChat(long chatId) {
        Long until = quietUntil.get(chatId);
        if (until != null) {
            long wait = until - System.nanoTime();
            if (wait > 0) {
                sleep(Duration.ofNanos(wait));
            }
            quietUntil.remove(chatId, until);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted while waiting to send to Telegram", e);
        }
    }
}
