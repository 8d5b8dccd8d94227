package org.iterwatch.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.iterwatch.config.Monitors;
import org.iterwatch.render.PlotSeries;

/**
 * One monitor's live state: its consumer and the series of the calculation's current run. It reads
 * its topic from the beginning whenever it is created, because Kafka, not our database, holds the
 * series, and it notices when the calculation behind the topic started over.
 */
final class MonitorRuntime implements AutoCloseable {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);
    private static final int LISTED_GAPS = 200;
    /** Ended runs remembered, so their late records are ignored; the oldest are forgotten past this. */
    private static final int REMEMBERED_RUNS = 1000;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordParser parser;
    private final TopicCatalog catalog;
    private final int maxRecordBytes;
    private final long pointBudget;
    private final Instant createdAt = Instant.now();
    private final ArrayDeque<long[]> rateSamples = new ArrayDeque<>();
    private Series series;
    private List<TopicPartition> partitions = List.of();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Set<String> pastRuns = new LinkedHashSet<>();
    private String topicId;
    private String run;
    private long skipped;
    private String lastError;
    private long lastRecordMillis = Long.MIN_VALUE;
    private long ingested;
    private long lag;
    private boolean caughtUp;
    private boolean finished;
    private String restartCause;
    private long shownVersion = -1;

    MonitorRuntime(String topic, KafkaConsumer<byte[], byte[]> consumer, RecordParser parser, TopicCatalog catalog,
                   Monitors settings) {
        this.topic = topic;
        this.consumer = consumer;
        this.parser = parser;
        this.catalog = catalog;
        this.maxRecordBytes = settings.maxRecordBytes();
        this.pointBudget = settings.maxPointsPerMonitor();
        this.series = new Series(pointBudget);
    }

    /**
     * Reads everything the topic holds now, or as much as the budget allows.
     *
     * @return how many new records were read (none while the initial rebuild runs)
     * @throws KafkaUnreachableException when the broker does not answer
     * @throws TopicGoneException        when the topic does not exist
     */
    synchronized long catchUp(Duration budget) {
        try {
            return read(budget);
        } catch (RetriableException e) {
            // timeouts, lost connections, leaders moving: the broker is (for now) out of reach
            throw new KafkaUnreachableException("Kafka did not answer: " + e.getMessage(), e);
        }
    }

    private long read(Duration budget) {
        boolean wasCaughtUp = caughtUp;
        String id = catalog.topicId(topic, KAFKA_TIMEOUT).orElseThrow(() -> new TopicGoneException(topic));
        if (topicId != null && !topicId.equals(id)) {
            partitions = List.of();
            consumer.unsubscribe();
            // The service tells followers about a new topic id (see Generation), also across our own restarts.
            startOver(null);
        }
        topicId = id;
        assignIfNeeded();
        checkLogStart();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        long before = ingested;
        long deadline = System.nanoTime() + budget.toNanos();
        while (!reached(end) && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(100));
            } catch (OffsetOutOfRangeException e) {
                // Records we had not read yet were deleted: what we hold no longer matches Kafka.
                startOver("records were deleted from the topic");
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                apply(r);
            }
        }
        lag = 0;
        for (TopicPartition tp : partitions) {
            lag += Math.max(0, end.getOrDefault(tp, 0L) - consumer.position(tp, KAFKA_TIMEOUT));
        }
        if (lag == 0) {
            caughtUp = true;
        }
        sampleRate();
        // Records of the rebuild are not news: only what arrives after it counts against a stall.
        return wasCaughtUp ? ingested - before : 0;
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
        series = new Series(pointBudget);
        run = null;
        pastRuns.clear();
        finished = false;
        if (!partitions.isEmpty()) {
            consumer.seekToBeginning(partitions);
            firstOffsets.clear();
            firstOffsets.putAll(consumer.beginningOffsets(partitions, KAFKA_TIMEOUT));
        }
        if (caughtUp && cause != null) {
            restartCause = cause;
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        byte[] value = r.value();
        if (value != null && value.length > maxRecordBytes) {
            skip(r, "a record of " + value.length + " bytes is over the limit of " + maxRecordBytes);
            return;
        }
        try {
            ParsedRecord parsed = parser.parse(value);
            Headers headers = r.headers();
            // Everything is checked before anything changes: a refused record leaves no trace but its count.
            String recordRun = KeyAndHeaders.text(headers, "run", "header run");
            int length = parsed.values().length;
            int index = parsed.index() != null ? parser.firstIndex(parsed.index(), length, "index")
                    : parser.firstIndex(KeyAndHeaders.index(headers), length, "header index");
            String name = KeyAndHeaders.seriesName(parsed, headers);
            long iteration = KeyAndHeaders.iteration(parsed, r);
            double[] x = KeyAndHeaders.abscissae(parsed, headers, index);
            if (recordRun != null && !recordRun.equals(run)) {
                if (pastRuns.contains(recordRun)) {
                    return; // a late record of a run that is over
                }
                if (run != null) {
                    forget(run);
                    series = new Series(pointBudget);
                    finished = false;
                }
                run = recordRun;
            }
            series.put(name, iteration, index, parsed.values(), x);
            finished |= parsed.last();
            ingested++;
            if (r.timestamp() > lastRecordMillis) {
                lastRecordMillis = r.timestamp();
            }
        } catch (BadRecordException e) {
            skip(r, e.getMessage());
        }
    }

    private void skip(ConsumerRecord<byte[], byte[]> r, String why) {
        skipped++;
        lastError = "offset " + r.offset() + ": " + why;
        ingested++;
        if (r.timestamp() > lastRecordMillis) {
            lastRecordMillis = r.timestamp();
        }
    }

    /** A late record of a run we left is ignored; runs past the last thousand are forgotten. */
    private void forget(String ended) {
        pastRuns.add(ended);
        if (pastRuns.size() > REMEMBERED_RUNS) {
            pastRuns.remove(pastRuns.iterator().next());
        }
    }

    private void sampleRate() {
        long now = System.nanoTime();
        rateSamples.addLast(new long[] {now, ingested});
        while (rateSamples.size() > 2 && now - rateSamples.peekFirst()[0] > Duration.ofMinutes(1).toNanos()) {
            rateSamples.removeFirst();
        }
    }

    private double rate() {
        if (rateSamples.size() < 2) {
            return 0;
        }
        long[] first = rateSamples.peekFirst();
        long[] last = rateSamples.peekLast();
        double seconds = (last[0] - first[0]) / 1e9;
        return seconds <= 0 ? 0 : (last[1] - first[1]) / seconds;
    }

    /** The restart noticed since the last call, if any; the initial rebuild never counts as one. */
    synchronized Optional<String> takeRestart() {
        String cause = restartCause;
        restartCause = null;
        return Optional.ofNullable(cause);
    }

    /** The topic's identity and the current run: when it changes, the calculation started over. */
    synchronized Generation generation() {
        return new Generation(topicId, run);
    }

    String topic() {
        return topic;
    }

    synchronized boolean caughtUp() {
        return caughtUp;
    }

    synchronized boolean finished() {
        return finished;
    }

    synchronized Snapshot snapshot(boolean coordinates) {
        return withPlot(series.plot(coordinates));
    }

    /** The snapshot without its plot: /status and listings need the figures, not a copy of the whole series. */
    synchronized Snapshot facts() {
        return withPlot(List.of());
    }

    private Snapshot withPlot(List<PlotSeries> plot) {
        return new Snapshot(plot, series.points(), series.firstIteration(), series.lastIteration(),
                series.gaps(LISTED_GAPS), lastRecord(), skipped, lastError, series.version(), rate(), lag, createdAt);
    }

    synchronized String csv() {
        StringBuilder out = new StringBuilder(64 + (int) Math.min(series.points() * 32, Integer.MAX_VALUE / 2));
        series.csv(out);
        return out.toString();
    }

    synchronized long points() {
        return series.points();
    }

    private Instant lastRecord() {
        return lastRecordMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastRecordMillis);
    }

    synchronized boolean changedSinceShown() {
        return series.version() != shownVersion;
    }

    synchronized void markShown(long version) {
        shownVersion = version;
    }

    @Override
    public synchronized void close() {
        try {
            // nothing to commit (no consumer group), so there is nothing to wait for
            consumer.close(Duration.ZERO);
        } catch (KafkaException e) {
            // closing a consumer of an unreachable broker may time out; nothing is lost
        }
    }

    /** Which topic (by id) and which run of the calculation a series belongs to. */
    record Generation(String topicId, String run) {
        /** Whether going from {@code before} to this is a restart: a new topic, or a run replacing another. */
        boolean restartedFrom(Generation before) {
            if (before == null || before.topicId == null || topicId == null) {
                return false;
            }
            return !before.topicId.equals(topicId) || before.run != null && run != null && !before.run.equals(run);
        }

        String text() {
            return (topicId == null ? "" : topicId) + "/" + (run == null ? "" : run);
        }

        static Generation parse(String text) {
            if (text == null || !text.contains("/")) {
                return null;
            }
            int slash = text.indexOf('/');
            String id = text.substring(0, slash);
            String r = text.substring(slash + 1);
            return new Generation(id.isEmpty() ? null : id, r.isEmpty() ? null : r);
        }
    }

    /** A consistent copy of the runtime's state for drawing and status. */
    record Snapshot(List<PlotSeries> plot, long points, long firstIteration, long lastIteration, Series.Gaps gaps,
                    Instant lastRecord, long skipped, String lastError, long version, double rate, long lag,
                    Instant since) {
        static Snapshot empty() {
            return new Snapshot(List.of(), 0, 0, 0, Series.Gaps.NONE, null, 0, null, 0, 0, 0, null);
        }
    }
}
