package org.iterwatch.subscription;

import java.time.Instant;
import java.util.Optional;

/** What the monitor of a topic has read last, for an alert's context; the bot answers it from the monitors. */
@FunctionalInterface
public interface TopicProgress {
    TopicProgress NONE = topic -> Optional.empty();

    Optional<Last> last(String topic);

    /** The newest iteration read and the time of its record. */
    record Last(long iteration, Instant at) {
    }
}
