package org.iterwatch.e2e.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.iterwatch.bot.kafka.EmbeddedKafka;
import org.iterwatch.config.Monitors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real single-node Kafka broker for tests, with the admin and produce helpers tests need.
 *
 * <p>Shared use: annotate the class with {@code @ExtendWith(KafkaBroker.Extension.class)} and take a
 * {@code KafkaBroker} parameter (constructor, {@code @BeforeAll}, or test method). All test classes of a
 * JVM run get the same broker; topics from {@link #uniqueTopic(String)} keep them apart.
 *
 * <p>Private use: {@link #startPrivate()} for tests that {@link #stop()} and {@link #restart()} the broker.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What iterwatch's own embedded broker takes by default (monitors.maxRecordBytes). */
    public static final int MAX_RECORD_BYTES = new Monitors(null, null, null, null, null, null, null).maxRecordBytes();
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 6);
    private static final AtomicInteger TOPIC_COUNTER = new AtomicInteger();

    private final Path dataDir;
    private final boolean shared;
    private int port;
    private EmbeddedKafka kafka;
    private Admin admin;
    private KafkaProducer<String, String> producer;

    private KafkaBroker(Path dataDir, boolean shared) {
        this.dataDir = dataDir;
        this.shared = shared;
    }

    /** Resolves {@code KafkaBroker} parameters to the broker shared by the whole JVM run. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == KafkaBroker.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared(context);
        }
    }

    /**
     * The JVM-wide broker, started on first use. It lives in the root store, which JUnit (5.13+) closes,
     * as it does every AutoCloseable value, once all test classes have run.
     */
    public static KafkaBroker shared(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(KafkaBroker.class))
                .getOrComputeIfAbsent("shared", key -> start(true), KafkaBroker.class);
    }

    /** A broker of its own, in its own temp dir; the caller closes it. */
    public static KafkaBroker startPrivate() {
        return start(false);
    }

    private static KafkaBroker start(boolean shared) {
        KafkaBroker broker;
        try {
            broker = new KafkaBroker(Files.createTempDirectory("iterwatch-kafka-"), shared);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            broker.restart();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public static String uniqueTopic(String prefix) {
        return prefix + "." + RUN_ID + "." + TOPIC_COUNTER.incrementAndGet();
    }

    public synchronized String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return kafka != null;
    }

    /** Stops the broker; its port and data stay reserved for {@link #restart()}. */
    public synchronized void stop() {
        if (shared) {
            throw new IllegalStateException("the shared broker cannot be stopped; use KafkaBroker.startPrivate()");
        }
        stopNow();
    }

    /** Starts the broker again (after {@link #stop()}, or stops it first) on the same port and data. */
    public synchronized void restart() {
        if (kafka != null) {
            stop();
        }
        // Stands for a cluster whose topics an administrator creates: a test's topic exists only once it made it.
        // iterwatch's own embedded broker creates a topic on a solver's first write (TopicCommandTest).
        kafka = EmbeddedKafka.start(dataDir, port, MAX_RECORD_BYTES, false);
        port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
    }

    @Override
    public synchronized void close() {
        stopNow();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopNow() {
        // Clients go first so that they do not spend the outage retrying against a dead port.
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    // ---- admin helpers ----

    /** Creates a one-partition topic and returns once it accepts and serves records. */
    public void createTopic(String name) {
        createTopic(name, 1);
    }

    public void createTopic(String name, int partitions) {
        get(admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
        TopicPartition first = new TopicPartition(name, 0);
        // The controller has committed the topic; the broker serves it once it leads the partition.
        awaitTrue("topic " + name + " usable", () -> {
            try {
                admin().listOffsets(Map.of(first, OffsetSpec.latest())).all().get(5, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Deletes a topic and returns once it is no longer listed. */
    public void deleteTopic(String name) {
        get(admin().deleteTopics(List.of(name)).all());
        awaitTrue("topic " + name + " gone", () -> !listTopics().contains(name));
    }

    /** Moves the log start offset of partition 0 to {@code offset}; returns the new low watermark. */
    public long deleteRecordsBefore(String topic, long offset) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return get(admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offset)))
                .lowWatermarks().get(partition)).lowWatermark();
    }

    public Set<String> listTopics() {
        return get(admin().listTopics().names());
    }

    public long beginningOffset(String topic) {
        return offset(topic, OffsetSpec.earliest());
    }

    public long endOffset(String topic) {
        return offset(topic, OffsetSpec.latest());
    }

    private long offset(String topic, OffsetSpec spec) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return get(admin().listOffsets(Map.of(partition, spec)).partitionResult(partition)).offset();
    }

    // ---- produce and consume ----

    /** Sends one record and returns its offset once the broker has acknowledged it. */
    public long produce(String topic, String value) {
        return produce(topic, null, value, Map.of());
    }

    public long produce(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        return get(producer().send(record)).offset();
    }

    /** Sends all values (one flush) and returns their offsets. */
    public List<Long> produceAll(String topic, List<String> values) {
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (String value : values) {
            sent.add(p.send(new ProducerRecord<>(topic, value)));
        }
        p.flush();
        List<Long> offsets = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
            offsets.add(get(future).offset());
        }
        return offsets;
    }

    /** Sends raw bytes (anything at all) to a topic, one flush, with a producer of its own for large batches. */
    public void produceBytes(String topic, List<byte[]> values) {
        produceBytes(bootstrapServers(), topic, values);
    }

    /** Sends raw bytes to a topic of any broker (e.g. iterwatch's embedded one); fails when the broker refuses one. */
    public static void produceBytes(String bootstrapServers, String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> bytes = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (byte[] value : values) {
                sent.add(bytes.send(new ProducerRecord<>(topic, value)));
            }
            bytes.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(); // a record the broker refused must fail the test, not vanish
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the broker refused a record: " + e.getCause(), e.getCause());
        }
    }

    /** Reads partition 0 of {@code topic} from its beginning until {@code count} records arrived (or the wait ends). */
    public List<ConsumerRecord<String, String>> consume(String topic, int count) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private synchronized Admin admin() {
        requireRunning();
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis()));
        }
        return admin;
    }

    private synchronized KafkaProducer<String, String> producer() {
        requireRunning();
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    // a send to a missing topic fails after this long instead of the default minute
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    // forget missing or deleted topics soon, rather than warning about them for 5 minutes
                    ProducerConfig.METADATA_MAX_IDLE_CONFIG, 5_000));
        }
        return producer;
    }

    private void requireRunning() {
        if (kafka == null) {
            throw new IllegalStateException("the broker is stopped");
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
