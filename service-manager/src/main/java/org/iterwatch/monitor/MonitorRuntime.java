package org.iterwatch.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * One monitor's live state: its consumer and its series. A monitor reads its topic from the
 * beginning whenever it is created, because Kafka, not our database, holds the series.
 */
final class MonitorRuntime implements AutoCloseable {
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordParser parser;
    private final Series series = new Series();
    private List<TopicPartition> partitions = List.of();
    private long skipped;
    private String lastError;
    private Instant lastRecord;
    private long shownVersion = -1;

    MonitorRuntime(String topic, KafkaConsumer<byte[], byte[]> consumer, RecordParser parser) {
        this.topic = topic;
        this.consumer = consumer;
        this.parser = parser;
    }

    /** Reads everything the topic holds now, or as much as the budget allows. */
    synchronized void catchUp(Duration budget) {
        assignIfNeeded();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + budget.toNanos();
        while (!reached(end) && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                apply(r);
            }
        }
    }

    private void assignIfNeeded() {
        if (!partitions.isEmpty()) {
            return;
        }
        List<TopicPartition> found = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (found.isEmpty()) {
            throw new MonitorException("topic " + topic + " does not exist");
        }
        consumer.assign(found);
        consumer.seekToBeginning(found);
        partitions = found;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        try {
            ParsedRecord parsed = parser.parse(r.value());
            series.put(iteration(parsed, r), parsed.index(), parsed.values());
            Instant at = Instant.ofEpochMilli(r.timestamp());
            if (lastRecord == null || at.isAfter(lastRecord)) {
                lastRecord = at;
            }
        } catch (BadRecordException e) {
            skipped++;
            lastError = "offset " + r.offset() + ": " + e.getMessage();
        }
    }

    /** Contract 1: the record's own number, else its key, else its header, else its offset. */
    private static long iteration(ParsedRecord parsed, ConsumerRecord<byte[], byte[]> r) {
        if (parsed.iteration() != null) {
            return parsed.iteration();
        }
        Long fromKey = number(r.key());
        if (fromKey != null) {
            return fromKey;
        }
        Header header = r.headers().lastHeader("iteration");
        Long fromHeader = header == null ? null : number(header.value());
        return fromHeader != null ? fromHeader : r.offset();
    }

    private static Long number(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > 19) {
            return null;
        }
        try {
            long v = Long.parseLong(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(series.values(), series.points(), series.firstIteration(), series.lastIteration(),
                lastRecord, skipped, lastError, series.version());
    }

    synchronized boolean changedSinceShown() {
        return series.version() != shownVersion;
    }

    synchronized void markShown(long version) {
        shownVersion = version;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    /** A consistent copy of the runtime's state for drawing and status. */
    record Snapshot(double[] values, long points, long firstIteration, long lastIteration, Instant lastRecord,
                    long skipped, String lastError, long version) {
        static Snapshot empty() {
            return new Snapshot(new double[0], 0, 0, 0, null, 0, null, 0);
        }
    }
}
