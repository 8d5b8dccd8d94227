package org.iterwatch.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a reader counts beside the series: records read and skipped, the newest record's time, lag and rate. */
final class ReadStatistics {
    private static final long RATE_WINDOW = Duration.ofMinutes(1).toNanos();
    /** (time, records read so far) pairs of the last minute. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private long read;
    private long skipped;
    private String lastError;
    private long lastRecordMillis = Long.MIN_VALUE;
    private long lag;

    void taken(ConsumerRecord<?, ?> r) {
        read++;
        if (r.timestamp() > lastRecordMillis) {
            lastRecordMillis = r.timestamp();
        }
    }

    /** A refused record counts as read too: it is news, and it moves the topic on. */
    void skipped(ConsumerRecord<?, ?> r, String why) {
        skipped++;
        lastError = "offset " + r.offset() + ": " + why;
        taken(r);
    }

    long read() {
        return read;
    }

    long skipped() {
        return skipped;
    }

    String lastError() {
        return lastError;
    }

    Instant lastRecord() {
        return lastRecordMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastRecordMillis);
    }

    void lag(long records) {
        lag = records;
    }

    long lag() {
        return lag;
    }

    /** Taken at the end of each read, so the rate spans reads, not the batches within one. */
    void sample(long nanos) {
        samples.addLast(new long[] {nanos, read});
        while (samples.size() > 2 && nanos - samples.peekFirst()[0] > RATE_WINDOW) {
            samples.removeFirst();
        }
    }

    /** Records per second from the oldest sample of the last minute to now. */
    double rate(long nanos) {
        if (samples.isEmpty()) {
            return 0;
        }
        long[] first = samples.peekFirst();
        double seconds = (nanos - first[0]) / 1e9;
        return seconds <= 0 ? 0 : (read - first[1]) / seconds;
    }
}
