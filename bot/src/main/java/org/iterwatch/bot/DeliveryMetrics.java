package org.iterwatch.bot;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the delivery engine, for the metrics endpoint and for tests. */
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

    /** Name → value, Prometheus style names. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        queued.forEach((p, n) -> out.put("iterwatch_delivery_queue_length{priority=\"" + p.name().toLowerCase() + "\"}", n.get()));
        out.put("iterwatch_delivery_sent_total", sent.get());
        out.put("iterwatch_delivery_rate_limited_total", rateLimited.get());
        out.put("iterwatch_delivery_retries_total", retries.get());
        out.put("iterwatch_delivery_dropped_total", dropped.get());
        out.put("iterwatch_delivery_coalesced_total", coalesced.get());
        return out;
    }
}
