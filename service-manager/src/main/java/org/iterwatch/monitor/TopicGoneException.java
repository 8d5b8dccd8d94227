package org.iterwatch.monitor;

import org.iterwatch.config.IterwatchException;

/** The monitor's topic is not in Kafka (deleted, perhaps to be created again). */
final class TopicGoneException extends IterwatchException {
    TopicGoneException(String topic) {
        super("topic " + topic + " does not exist in Kafka");
    }
}
