package org.iterwatch.bot;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the delivery engine; {@link Metrics} publishes them. */
final class DeliveryMetrics {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong coalesced = new AtomicLong();
    private final Map<Priority, AtomicLong> queued = new EnumMap<>(Priority.class);

    DeliveryMetrics() {
        for (Priority p : Priority.values()) {
            queued.put(p, new AtomicLong());
        }
    }

    void queued(Priority p, long delta) {
        queued.get(p).addAndGet(delta);
    }

    long queueLength(Priority p) {
        return queued.get(p).get();
    }
}
