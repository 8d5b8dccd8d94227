package org.iterwatch.e2e.telegram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Callback query ids handed out with updates, and which of them the bot answered. */
final class CallbackQueries {
    private final AtomicLong counter = new AtomicLong(4_000_000_000_000_000_000L);
    private final Set<String> open = new HashSet<>();
    private final List<String> answered = new ArrayList<>();

    synchronized String issue() {
        String id = Long.toString(counter.incrementAndGet());
        open.add(id);
        return id;
    }

    /** Marks an id answered; Telegram refuses unknown ids and second answers alike. */
    synchronized void answer(String id) {
        if (id == null || !open.remove(id)) {
            throw TelegramError.badRequest("query is too old and response timeout expired or query ID is invalid")
                    .asException();
        }
        answered.add(id);
    }

    synchronized List<String> answered() {
        return List.copyOf(answered);
    }
}
