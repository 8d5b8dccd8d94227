package org.iterwatch.monitor;

import org.iterwatch.config.IterwatchException;

/** A record that does not follow contract 1; it is skipped and counted, never fatal. */
final class BadRecordException extends IterwatchException {
    BadRecordException(String message) {
        super(message);
    }
}
