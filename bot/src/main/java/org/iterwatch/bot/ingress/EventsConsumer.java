package org.iterwatch.bot.ingress;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.iterwatch.bot.log.RepeatedWarning;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.BadEventException;
import org.iterwatch.subscription.SolverEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solver events from the Kafka topic {@value #TOPIC}, the same JSON as the HTTP API. Offsets are
 * committed after the events are stored, so a crash repeats events rather than losing them. An invalid
 * record is skipped, counted and logged with its reason, a flood of them folded into one line per
 * {@value #FOLD_SECONDS} s; one that cannot be stored now (database trouble) is read again after a pause,
 * with everything after it, so nothing is lost and order holds.
 */
public final class EventsConsumer implements Managed {
    public static final String TOPIC = "iterwatch.events";
    private static final Logger LOG = LoggerFactory.getLogger(EventsConsumer.class);
    /** Reasons are cut to this: a bad record is described, not dumped. */
    private static final int REASON_CHARS = 160;
    private static final long MAX_PAUSE_MILLIS = 30_000;
    private static final int FOLD_SECONDS = 10;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Alerts alerts;
    private final String bootstrapServers;
    private final AtomicLong skipped = new AtomicLong();
    private final RepeatedWarning invalid = new RepeatedWarning(LOG, Duration.ofSeconds(FOLD_SECONDS));
    private Thread thread;
    private volatile Skip lastSkip;
    private volatile boolean running = true;
    private boolean storing = true;

    /** The latest invalid record: where it was and why it was skipped. */
    public record Skip(int partition, long offset, String reason) {
    }

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
    }

    @Override
    public void start(Threads threads) {
        createTopic();
        consumer.subscribe(List.of(TOPIC));
        thread = threads.start("events-consumer", this::run);
    }

    /** Invalid records skipped since iterwatch started. */
    public long skipped() {
        return skipped.get();
    }

    public Optional<Skip> lastSkip() {
        return Optional.ofNullable(lastSkip);
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            // The broker's default.replication.factor: 1 on the embedded broker, what the operator chose on a cluster
            // (a replica per broker, so that a dead broker does not take the alerts with it).
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("cannot create the topic {}: {}", TOPIC, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long pause = 0;
        try {
            while (running) {
                boolean stuck;
                try {
                    stuck = !pollOnce();
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    LOG.warn("reading {} failed; trying again: {}", TOPIC, e.toString());
                    stuck = true;
                }
                invalid.flush();
                pause = stuck ? Math.min(MAX_PAUSE_MILLIS, Math.max(1000, pause * 2)) : 0;
                pauseFor(pause);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the events consumer stopped", e);
        } finally {
            invalid.flushRemaining();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Takes what one poll brought, in order; false when a record could not be stored and waits to be read again. */
    private boolean pollOnce() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean stuck = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (stuck || !take(record)) {
                    stuck = true;
                    consumer.seek(partition, record.offset());
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return !stuck;
    }

    /** Stores the event of one record or skips an invalid one; false when it cannot be stored now. */
    private boolean take(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            skip(record, "body: no value (a tombstone)");
            return true;
        }
        SolverEvent event;
        try {
            event = SolverEvent.parse(record.value());
        } catch (BadEventException e) {
            skip(record, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            skip(record, "cannot be read (" + e.getClass().getSimpleName() + ")");
            return true;
        }
        try {
            alerts.accept(event);
        } catch (RuntimeException e) {
            if (storing) {
                LOG.warn("cannot store the event at {}-{} offset {}; reading it again after a pause: {}", record.topic(),
                        record.partition(), record.offset(), e.toString());
            }
            storing = false;
            return false;
        }
        if (!storing) {
            LOG.info("events from {} are stored again", TOPIC);
            storing = true;
        }
        return true;
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, String why) {
        String reason = why.length() > REASON_CHARS ? why.substring(0, REASON_CHARS - 1) + "\u2026" : why;
        lastSkip = new Skip(record.partition(), record.offset(), reason);
        long n = skipped.incrementAndGet();
        invalid.warn("skipped invalid event at {}-{} offset {} ({} skipped since start): {}", record.topic(),
                record.partition(), record.offset(), n, reason);
    }

    private void pauseFor(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, until - System.currentTimeMillis() + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
