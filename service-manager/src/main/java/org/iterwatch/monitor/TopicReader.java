package org.iterwatch.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.PreviousRun;

/**
 * Reads one topic into the series of its calculation: the consumer, its positions, and the signs that the
 * calculation started over (a new topic id, records deleted, the topic emptied). It reads from the
 * beginning whenever it is created, because Kafka, not our database, holds the series.
 *
 * <p>Not thread-safe: one thread at a time reads (see {@link LiveMonitor}). Other threads read only
 * {@link #snapshot()}, which it publishes after every batch.
 */
final class TopicReader implements AutoCloseable {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);
    /** Also the longest a stop waits for the reader to notice it. */
    private static final Duration POLL = Duration.ofMillis(100);
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicCatalog catalog;
    private final RecordDecoder decoder;
    private final RunSeries series;
    private final ReadStatistics stats = new ReadStatistics();
    private final Instant since = Instant.now();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private List<TopicPartition> partitions = List.of();
    private String topicId;
    private boolean caughtUp;
    private String restartCause;
    private boolean closed;
    private volatile MonitorSnapshot snapshot = MonitorSnapshot.NONE;

    TopicReader(String topic, KafkaConsumer<byte[], byte[]> consumer, TopicCatalog catalog, RecordDecoder decoder,
                long pointBudget) {
        this.topic = topic;
        this.consumer = consumer;
        this.catalog = catalog;
        this.decoder = decoder;
        this.series = new RunSeries(pointBudget);
    }

    /**
     * Reads everything the topic holds now, or as much as the budget allows, or until {@code stop} says so;
     * {@code stop} is asked between polls.
     *
     * @return how many new records were read (none while the initial rebuild runs: they are not news)
     * @throws KafkaUnreachableException when the broker does not answer
     * @throws TopicGoneException        when the topic does not exist
     */
    long catchUp(Duration budget, BooleanSupplier stop) {
        try {
            return read(budget, stop);
        } catch (RetriableException e) {
            // timeouts, lost connections, leaders moving: the broker is (for now) out of reach
            throw new KafkaUnreachableException("Kafka did not answer: " + e.getMessage(), e);
        } finally {
            publish(true);
        }
    }

    private long read(Duration budget, BooleanSupplier stop) {
        boolean wasCaughtUp = caughtUp;
        long before = stats.read();
        String id = catalog.topicId(topic, KAFKA_TIMEOUT).orElseThrow(() -> new TopicGoneException(topic));
        if (topicId != null && !topicId.equals(id)) {
            partitions = List.of();
            consumer.unsubscribe();
            // The tick tells followers about a new topic id (see Generation), also across our own restarts.
            startOver(null);
        }
        topicId = id;
        assignIfNeeded();
        checkLogStart();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        long deadline = System.nanoTime() + budget.toNanos();
        while (!reached(end) && System.nanoTime() < deadline && !stop.getAsBoolean()) {
            pollOnce();
            measureLag(end);
            publish(false);
        }
        if (measureLag(end) == 0) {
            caughtUp = true;
        }
        String newRun = series.takeNewRun();
        if (wasCaughtUp && newRun != null && restartCause == null) {
            // A run id after records without one: the stored generation cannot tell this from a first run id.
            restartCause = "new run " + newRun;
        }
        stats.sample(System.nanoTime());
        return wasCaughtUp ? stats.read() - before : 0;
    }

    private void pollOnce() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (OffsetOutOfRangeException e) {
            // Records we had not read yet were deleted: what we hold no longer matches Kafka.
            startOver("records were deleted from the topic");
            return;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                if (series.take(decoder.decode(r))) {
                    stats.taken(r);
                }
            } catch (BadRecordException e) {
                stats.skipped(r, e.getMessage());
            }
        }
    }

    private void assignIfNeeded() {
        if (!partitions.isEmpty()) {
            return;
        }
        List<TopicPartition> found = consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (found.isEmpty()) {
            throw new TopicGoneException(topic);
        }
        consumer.assign(found);
        consumer.seekToBeginning(found);
        partitions = found;
        firstOffsets.clear();
        firstOffsets.putAll(consumer.beginningOffsets(found, KAFKA_TIMEOUT));
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, KAFKA_TIMEOUT) < end.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    private long measureLag(Map<TopicPartition, Long> end) {
        long lag = 0;
        for (TopicPartition tp : partitions) {
            lag += Math.max(0, end.getOrDefault(tp, 0L) - consumer.position(tp, KAFKA_TIMEOUT));
        }
        stats.lag(lag);
        return lag;
    }

    /** A topic emptied with deleteRecords: everything we read is gone, so the calculation started over. */
    private void checkLogStart() {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
        for (TopicPartition tp : partitions) {
            long b = begin.getOrDefault(tp, 0L);
            if (b > firstOffsets.getOrDefault(tp, 0L) && b >= consumer.position(tp, KAFKA_TIMEOUT)) {
                startOver("the topic was emptied");
                return;
            }
        }
    }

    private void startOver(String cause) {
        series.startOver();
        if (!partitions.isEmpty()) {
            consumer.seekToBeginning(partitions);
            firstOffsets.clear();
            firstOffsets.putAll(consumer.beginningOffsets(partitions, KAFKA_TIMEOUT));
        }
        if (caughtUp && cause != null) {
            restartCause = cause;
        }
    }

    /** @param whole at the end of a read, when the gaps are worth counting again */
    private void publish(boolean whole) {
        Series.Gaps gaps = whole ? series.countGaps() : series.knownGaps();
        snapshot = new MonitorSnapshot(series.points(), series.firstIteration(), series.lastIteration(), gaps,
                stats.lastRecord(), stats.skipped(), stats.lastError(), series.version(), stats.rate(System.nanoTime()),
                stats.lag(), since, caughtUp, series.progress().progress());
    }

    /** The reader's latest figures; safe from any thread. */
    MonitorSnapshot snapshot() {
        return snapshot;
    }

    /** The restart noticed since the last call, if any; the initial rebuild never counts as one. */
    Optional<String> takeRestart() {
        String cause = restartCause;
        restartCause = null;
        return Optional.ofNullable(cause);
    }

    /** The topic's identity and the current run: when it changes, the calculation started over. */
    Generation generation() {
        return new Generation(topicId, series.run());
    }

    String topic() {
        return topic;
    }

    /** Whether it has once read to the end of the topic: before that, its series is not drawn. */
    boolean caughtUp() {
        return caughtUp;
    }

    boolean finished() {
        return series.finished();
    }

    /** The shape of the run that ended since the last call (the calculation restarted), or null. */
    PreviousRun takeEnded() {
        return series.takeEnded();
    }

    /** Values beyond ±limit count as diverging from the next record on (infinity: no limit). */
    void limit(double value) {
        series.limit(value);
    }

    /** The open episodes of non-finite and of diverging values: their first iteration, or -1. */
    long nonFiniteSince() {
        return series.progress().nonFiniteSince();
    }

    long divergingSince() {
        return series.progress().divergingSince();
    }

    /** The change per iteration ({@code converge=}); walks the iterations, so only at the end of a tick. */
    List<Deltas.Delta> deltas() {
        return series.deltas();
    }

    long version() {
        return series.version();
    }

    List<PlotSeries> plot(boolean coordinates) {
        return series.plot(coordinates);
    }

    String csv() {
        return series.csv();
    }

    LatestLines latest(boolean coordinates, int count) {
        return series.latest(coordinates, count);
    }

    double[] recent(int count) {
        return series.recent(count);
    }

    /** Whether {@link #close()} ran; read under the same rule as the rest (see {@link LiveMonitor}). */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // nothing to commit (no consumer group), so there is nothing to wait for
            consumer.close(Duration.ZERO);
        } catch (KafkaException e) {
            // closing a consumer of an unreachable broker may time out; nothing is lost
        }
    }
}
