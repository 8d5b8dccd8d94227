package org.iterwatch.monitor;

import org.iterwatch.config.IterwatchException;

/** A monitor command that cannot be carried out; the message is meant for the person who asked. */
public final class MonitorException extends IterwatchException {
    public MonitorException(String message) {
        super(message);
    }
}
