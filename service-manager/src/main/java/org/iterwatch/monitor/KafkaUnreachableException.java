package org.iterwatch.monitor;

import org.iterwatch.config.IterwatchException;

/** The broker did not answer in time: the monitor waits and retries, it has not failed. */
final class KafkaUnreachableException extends IterwatchException {
    KafkaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
