package org.iterwatch.bot.delivery;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the delivery engine; {@link Metrics} publishes them. */
public final class DeliveryMetrics {
    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong rateLimited = new AtomicLong();
    public final AtomicLong retries = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong coalesced = new AtomicLong();
    /** Progress charts rendered: each one when its chat's turn to send it came. */
    public final AtomicLong chartsDrawn = new AtomicLong();
    /** Progress charts Telegram took, as a new photo or an edit. */
    public final AtomicLong chartsSent = new AtomicLong();
    private final Map<Priority, AtomicLong> queued = new EnumMap<>(Priority.class);

    public DeliveryMetrics() {
        for (Priority p : Priority.values()) {
            queued.put(p, new AtomicLong());
        }
    }

    void queued(Priority p, long delta) {
        queued.get(p).addAndGet(delta);
    }

    public long queueLength(Priority p) {
        return queued.get(p).get();
    }
}
