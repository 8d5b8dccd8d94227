package org.iterwatch.bot.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.BadEventException;
import org.iterwatch.subscription.SolverEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solver events from the Kafka topic {@value #TOPIC}, the same JSON as the HTTP API. Offsets are
 * committed after the events are stored, so a crash repeats events rather than losing them; invalid
 * ones are skipped and counted.
 */
public final class EventsConsumer implements AutoCloseable {
    public static final String TOPIC = "iterwatch.events";
    private static final Logger LOG = LoggerFactory.getLogger(EventsConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Alerts alerts;
    private final String bootstrapServers;
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code group} is shared by iterwatch processes on one database, so each event is taken once. */
    public EventsConsumer(String bootstrapServers, String group, Alerts alerts) {
        this.bootstrapServers = bootstrapServers;
        this.alerts = alerts;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "events-consumer");
        thread.setDaemon(true);
    }

    public void start() {
        createTopic();
        consumer.subscribe(List.of(TOPIC));
        thread.start();
    }

    public long skipped() {
        return skipped.get();
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("cannot create the topic {}: {}", TOPIC, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    take(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the events consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        try {
            alerts.accept(SolverEvent.parse(record.value() == null ? new byte[0] : record.value()));
        } catch (BadEventException e) {
            long n = skipped.incrementAndGet();
            LOG.warn("skipped event at {}-{} offset {} ({} skipped so far): {}", record.topic(), record.partition(),
                    record.offset(), n, e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
