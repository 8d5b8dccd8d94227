package org.iterwatch.bot;

import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The former direct sender, kept as a thin adapter over {@link Delivery} for code that still calls
 * {@code send(chatId, () -> api.sendHtml(...))}: the call waits its turn in the queue (priority
 * REPLY, paced, retried) and its result or final failure comes back to the caller.
 */
final class Sender {
    private final Delivery delivery;

    Sender(Delivery delivery) {
        this.delivery = delivery;
    }

    <T> T send(long chatId, Supplier<T> call) {
        try {
            return delivery.call(Priority.REPLY, new ChatTarget(chatId, null), "call", call).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TelegramFailure f) {
                throw f;
            }
            throw e;
        }
    }

    void send(long chatId, Runnable call) {
        send(chatId, () -> {
            call.run();
            return null;
        });
    }
}
