package org.iterwatch.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The answer to a command naming a topic without a monitor: what the person probably meant. */
final class MissingMonitors {
    /** A hint must not hold the answer up long when Kafka is slow or gone. */
    private static final Duration KAFKA_BUDGET = Duration.ofSeconds(2);

    private MissingMonitors() {
    }

    /**
     * "Add one with /add …" when Kafka has the topic; else close matches among monitors and topics, or that no
     * such topic exists.
     */
    static MonitorException explain(String topic, MonitorRepository repository, TopicCatalog catalog) {
        List<String> candidates = new ArrayList<>(repository.all().stream().map(MonitorRow::topic).toList());
        boolean inKafka = false;
        try {
            List<String> topics = catalog.names(KAFKA_BUDGET);
            inKafka = topics.contains(topic);
            topics.stream().filter(t -> !candidates.contains(t)).forEach(candidates::add);
        } catch (MonitorException e) {
            // Kafka unreachable: the monitors' names still help
        }
        return new MonitorException(inKafka ? MonitorMessages.noMonitor(topic)
                : MonitorMessages.noSuchMonitorOrTopic(topic, catalog.closeTo(topic, candidates)));
    }
}
