package org.iterwatch.bot.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.iterwatch.config.IterwatchException;

/** The admin requests behind {@code iterwatch topic}; none of them creates a topic by accident. */
public final class Topics implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;
    private final Admin admin;

    /**
     * Kafka's own rules for a topic's name (letters, digits, '.', '_', '-', at most 249), checked before anything
     * is asked of the broker.
     *
     * @param refusal the exception to throw, made from Kafka's reason
     */
    public static void checkName(String name, Function<String, ? extends IterwatchException> refusal) {
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw refusal.apply(e.getMessage());
        }
    }

    public Topics(String bootstrapServers) {
        this.admin = KafkaAddress.admin(bootstrapServers);
    }

    /** @return false when it exists already */
    public boolean create(String name) {
        try {
            await(admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all());
            return true;
        } catch (TopicExistsException e) {
            return false;
        }
    }

    /** Deletes every record: the log start moves to the end, which monitors read as a restart. Empty: no such topic. */
    public Optional<Long> clear(String name) {
        Optional<Map<TopicPartition, long[]>> ranges = ranges(name);
        ranges.ifPresent(r -> await(admin.deleteRecords(r.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> RecordsToDelete.beforeOffset(e.getValue()[1])))).all()));
        return ranges.map(Topics::count);
    }

    /** @return false when there was no such topic */
    boolean delete(String name) {
        try {
            await(admin.deleteTopics(List.of(name)).all());
            return true;
        } catch (UnknownTopicOrPartitionException e) {
            return false;
        }
    }

    /** One line per topic (internal ones left out): its name and how many records it holds. */
    String listing() {
        Set<String> names = await(admin.listTopics().names());
        if (names.isEmpty()) {
            return "no topics yet";
        }
        Map<String, Long> counts = new TreeMap<>();
        for (String name : names) {
            ranges(name).ifPresent(r -> counts.put(name, count(r)));
        }
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        return counts.entrySet().stream()
                .map(e -> String.format("%-" + width + "s  %s", e.getKey(), records(e.getValue())))
                .collect(Collectors.joining("\n"));
    }

    /** Each partition's [log start, end offset]; empty when the topic does not exist. */
    private Optional<Map<TopicPartition, long[]>> ranges(String name) {
        TopicDescription d;
        try {
            d = await(admin.describeTopics(List.of(name)).allTopicNames()).get(name);
        } catch (UnknownTopicOrPartitionException e) {
            return Optional.empty();
        }
        List<TopicPartition> partitions = d.partitions().stream().map(p -> new TopicPartition(name, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> end = offsets(partitions, OffsetSpec.latest());
        return Optional.of(partitions.stream().collect(Collectors.toMap(Function.identity(),
                p -> new long[] {start.get(p).offset(), end.get(p).offset()})));
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        return await(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all());
    }

    static String records(long n) {
        return n + (n == 1 ? " record" : " records");
    }

    private static long count(Map<TopicPartition, long[]> ranges) {
        return ranges.values().stream().mapToLong(r -> r[1] - r[0]).sum();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException known
                    && (known instanceof TopicExistsException || known instanceof UnknownTopicOrPartitionException)) {
                throw known;
            }
            throw new IterwatchException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IterwatchException("Kafka did not answer within " + WAIT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
