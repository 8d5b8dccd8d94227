package org.iterwatch.e2e.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.iterwatch.config.Monitors;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.monitor.TopicIngest;
import org.iterwatch.monitor.XAxis;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.RenderedChart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3: our ingest (Kafka → parsed, identity-keyed series) beside two baselines measured in the same
 * run on the same broker: (a) a bare consumer reading the bytes, (b) that consumer plus Jackson's
 * streaming parser (fast doubles) turning each record into a double[]. Each figure is the best of a few
 * rounds, taken alternately, so that JIT warm-up and the shared machine treat all alike.
 *
 * <p>Run: {@code mvn -B -Pbench verify -pl src-test -am -Dtest=IngestBenchmark}
 */
@Tag("benchmark")
@ExtendWith(KafkaBroker.Extension.class)
class IngestBenchmark {
    static final int BATCH_RECORDS = 2_000;
    static final int BATCH_VALUES = 1_000;
    static final int SINGLE_RECORDS = 1_000_000;
    static final int ROUNDS = 5;
    static final Monitors SETTINGS = new Monitors(null, null, null, null, null, null, null);
    static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    final KafkaBroker kafka;

    IngestBenchmark(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    void ingest() {
        report("%s%n", machine());
        String batches = KafkaBroker.uniqueTopic("bench-batch");
        kafka.createTopic(batches);
        long bytes = produce(batches, BATCH_RECORDS, i -> batch(i, BATCH_VALUES));
        report("batch topic: %d records of %d values, %.1f MB (%.1f KB each)%n",
                BATCH_RECORDS, BATCH_VALUES, bytes / 1e6, bytes / 1e3 / BATCH_RECORDS);
        compare("batch", batches, bytes, BATCH_RECORDS, (long) BATCH_RECORDS * BATCH_VALUES);

        String singles = KafkaBroker.uniqueTopic("bench-single");
        kafka.createTopic(singles);
        long singleBytes = produce(singles, SINGLE_RECORDS, i -> single(i));
        report("single-point topic: %d records, %.1f MB (%.0f B each)%n",
                SINGLE_RECORDS, singleBytes / 1e6, (double) singleBytes / SINGLE_RECORDS);
        compare("single", singles, singleBytes, SINGLE_RECORDS, SINGLE_RECORDS);

        String million = KafkaBroker.uniqueTopic("bench-million");
        kafka.createTopic(million);
        produce(million, 1_000, i -> batch(i, 1_000));
        rebuild("1 000 000 points in 1 000 batch records", million);
        rebuild("1 000 000 points in single-point records", singles);
    }

    /**
     * The three readers, measured the same way: each round opens a fresh reader and reads the whole topic from
     * offset 0 to the end offset it finds, set-up included (connect, metadata, end offsets), as a monitor's
     * rebuild does. The order rotates every round, so no reader always goes first (cold page cache, broker
     * warm-up) or last; a first round warms the JIT and is not counted. Baseline (a) does strictly less work
     * than (b), and (b) strictly less than ours: if a baseline comes out slower, the figures are noise.
     */
    private void compare(String label, String topic, long bytes, long records, long points) {
        List<Reader> readers = List.of(
                new Reader("(a) bare consumer", records, () -> read(topic, r -> r.value().length, false)),
                new Reader("(a') bare, tuned", records, () -> read(topic, r -> r.value().length, true)),
                new Reader("(b) consumer + Jackson", points, () -> read(topic, IngestBenchmark::parse, false)),
                new Reader("    iterwatch ingest", points, () -> {
                    try (TopicIngest ingest = new TopicIngest(kafka.bootstrapServers(), topic, SETTINGS)) {
                        long read = ingest.readAll(Duration.ofMinutes(2));
                        // converge= on: the change per iteration, worked out once the read is done, as a tick does
                        ingest.convergence(1e-6);
                        return read;
                    }
                }));
        for (int round = 0; round <= ROUNDS; round++) {
            for (int i = 0; i < readers.size(); i++) {
                Reader reader = readers.get((i + round) % readers.size());
                long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long took = time(reader.run, reader.expected);
                long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
                if (round > 0) {
                    reader.times.add(took);
                    reader.cpu.add(cpu);
                }
            }
        }
        for (Reader r : readers) {
            double median = median(r.times);
            report("%s %-24s %8.1f MB/s %10.0f records/s %10.0f values/s (median of %d; best %.0f ms)%n", label, r.name,
                    bytes / median / 1e6, records / median, points / median, r.times.size(), best(r.times) * 1e3);
        }
        double a = Math.min(median(readers.get(0).times), median(readers.get(1).times));
        double b = median(readers.get(2).times);
        double ours = median(readers.get(3).times);
        report("%s     iterwatch as a share of the faster (a): %.2f, of (b): %.2f%n", label, a / ours, b / ours);
        // CPU time of the reading thread (parsing and the series run there; Kafka's fetches on its own thread):
        // far steadier than wall time on a loaded machine, where a round waits for a core as long as it works.
        report("%s     reading thread's CPU, median (ms): b=%.0f ours=%.0f, ours / (b) by CPU: %.2f (rounds b=%s ours=%s)%n",
                label, median(readers.get(2).cpu) * 1e3, median(readers.get(3).cpu) * 1e3,
                median(readers.get(2).cpu) / median(readers.get(3).cpu), ms(readers.get(2).cpu), ms(readers.get(3).cpu));
        report("%s     all rounds (ms): a=%s a'=%s b=%s ours=%s%n", label, ms(readers.get(0).times),
                ms(readers.get(1).times), ms(readers.get(2).times), ms(readers.get(3).times));
    }

    private record Reader(String name, long expected, Run run, List<Long> times, List<Long> cpu) {
        Reader(String name, long expected, Run run) {
            this(name, expected, run, new ArrayList<>(), new ArrayList<>());
        }
    }

    private void rebuild(String label, String topic) {
        long[] rounds = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            try (TopicIngest ingest = new TopicIngest(kafka.bootstrapServers(), topic, SETTINGS)) {
                long read = ingest.readAll(Duration.ofMinutes(2));
                long readAt = System.nanoTime();
                ingest.convergence(1e-6); // converge= on: what a tick works out after its read
                long convergedAt = System.nanoTime();
                RenderedChart chart = ingest.render(new ChartRenderer(), XAxis.ORDINAL);
                rounds[round] = System.nanoTime() - start;
                report("rebuild %s: %d points read in %d ms, change per iteration (converge=) %d ms, first render %d ms "
                                + "(%d KB PNG), total %d ms%n", label, read, (readAt - start) / 1_000_000,
                        (convergedAt - readAt) / 1_000_000, (System.nanoTime() - convergedAt) / 1_000_000,
                        chart.png().length / 1024, rounds[round] / 1_000_000);
            }
        }
        report("rebuild %s: best %.3f s (goal <= 0.5 s)%n", label, best(rounds));
    }

    /**
     * Reads the topic from offset 0 to its end offset with the steps of a monitor's reader (partitions from the
     * metadata, assign, seek to the beginning, end offsets, poll until there), minus everything a monitor does
     * with a record. Untuned, with a monitor's consumer settings; {@code tuned}, with what should be the fastest a
     * plain consumer can ask of this broker (no CRC check, 64 MB fetches, a 4 MB socket buffer, every record in
     * one poll). Returns the sum of what each record gives.
     */
    private long read(String topic, ToLongFunction<ConsumerRecord<byte[], byte[]>> perRecord, boolean tuned) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("client.id", "bench-" + topic);
        p.put("enable.auto.commit", "false");
        p.put("allow.auto.create.topics", "false");
        p.put("auto.offset.reset", "none");
        p.put("max.partition.fetch.bytes", String.valueOf(tuned ? 64 * 1024 * 1024 : 16 * 1024 * 1024 + 64 * 1024));
        p.put("fetch.max.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("max.poll.records", tuned ? "100000" : "5000");
        if (tuned) {
            p.put("check.crcs", "false");
            p.put("receive.buffer.bytes", String.valueOf(4 * 1024 * 1024));
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long sum = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    sum += perRecord.applyAsLong(r);
                }
            }
            return sum;
        } finally {
            // As a monitor's reader closes: no group, nothing to commit, so no wait. A plain close() waits for the
            // fetch still out at the end offset, which the broker holds for fetch.max.wait.ms (500 ms): that wait,
            // not the reading, made the baselines look slower than our ingest in earlier runs.
            consumer.close(Duration.ZERO);
        }
    }

    /** Baseline (b): the record's numbers into a double[], nothing else. */
    private static long parse(ConsumerRecord<byte[], byte[]> r) {
        try (JsonParser p = JSON.createParser(r.value())) {
            double[] values = new double[16];
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = p.getDoubleValue();
                }
            }
            // the single-point shape carries iteration and index as numbers too: count only values
            return p.currentName() == null && n > 3 ? n : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long produce(String topic, int count, java.util.function.IntFunction<String> record) {
        long bytes = 0;
        for (int from = 0; from < count; from += 100_000) {
            List<String> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 100_000); i++) {
                String r = record.apply(i);
                bytes += r.length();
                chunk.add(r);
            }
            kafka.produceAll(topic, chunk);
        }
        return bytes;
    }

    private static final Random RANDOM = new Random(1);

    static String batch(int iteration, int n) {
        return "{\"iteration\":" + iteration + ",\"values\":[" + IntStream.range(0, n)
                .mapToObj(j -> String.valueOf(RANDOM.nextDouble() * 2 - 1)).collect(Collectors.joining(",")) + "]}";
    }

    static String single(int i) {
        return "{\"iteration\":" + i / 1000 + ",\"index\":" + i % 1000 + ",\"value\":" + (float) RANDOM.nextGaussian() + "}";
    }

    private interface Run {
        long run();
    }

    private static long time(Run run, long expected) {
        long start = System.nanoTime();
        long got = run.run();
        long took = System.nanoTime() - start;
        if (got < expected) {
            throw new AssertionError("read " + got + ", expected " + expected);
        }
        return took;
    }

    private static double best(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e9;
    }

    private static double best(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).min().orElseThrow() / 1e9;
    }

    private static double median(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2] / 1e9;
    }

    private static String ms(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(n -> String.valueOf(n / 1_000_000)).collect(Collectors.joining("/"));
    }

    private static String ms(List<Long> nanos) {
        return nanos.stream().map(n -> String.valueOf(n / 1_000_000)).collect(Collectors.joining("/"));
    }

    /** Printed, and kept in target/ingest-benchmark.txt as it goes, so a slow run still leaves its figures. */
    private static void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.print(line);
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "ingest-benchmark.txt"), line,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "machine: %s %s, %d cores, JVM %s %s, max heap %d MB", os.getName(), os.getArch(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1 << 20));
    }
}
