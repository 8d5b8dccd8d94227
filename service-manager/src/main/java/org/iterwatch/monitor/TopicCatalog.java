package org.iterwatch.monitor;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.iterwatch.config.IterwatchException;

/** The broker's topics, and the names close to a mistyped one. */
final class TopicCatalog implements AutoCloseable {
    private final Admin admin;

    TopicCatalog(String bootstrapServers) {
        this.admin = Admin.create(KafkaSettings.admin(bootstrapServers));
    }

    List<String> names() {
        return names(Duration.ofSeconds(15));
    }

    /** The topics, waiting at most {@code timeout} for them (a hint in an answer must not hold it up long). */
    List<String> names(Duration timeout) {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(t -> !t.startsWith("__")).sorted().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted while listing Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MonitorException(MonitorMessages.KAFKA_UNREACHABLE);
        }
    }

    /**
     * The topic's id, which changes when it is deleted and created again; empty when it does not exist.
     *
     * @throws KafkaUnreachableException when the broker does not answer within the timeout
     */
    Optional<String> topicId(String topic, Duration timeout) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return Optional.of(d.topicId().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted while describing " + topic, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new KafkaUnreachableException("Kafka did not describe " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnreachableException("Kafka did not answer within " + timeout.toMillis() + " ms", e);
        }
    }

    /** Up to five existing topics that look like what the person meant. */
    List<String> closeTo(String wanted, List<String> existing) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return existing.stream()
                .filter(t -> {
                    String n = t.toLowerCase(Locale.ROOT);
                    // A name inside the other counts when it is not a mere letter or two ("t" is in every topic).
                    return n.contains(w) && w.length() >= 3 || w.contains(n) && n.length() >= 3
                            || distance(n, w) <= Math.max(2, w.length() / 3);
                })
                .sorted(Comparator.comparingInt((String t) -> distance(t.toLowerCase(Locale.ROOT), w)).thenComparing(t -> t))
                .limit(5)
                .toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public void close() {
        admin.close();
    }
}
