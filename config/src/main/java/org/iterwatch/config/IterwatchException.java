package org.iterwatch.config;

/** The one unchecked root of every failure iterwatch raises itself. */
public class IterwatchException extends RuntimeException {
    public IterwatchException(String message) {
        super(message);
    }

    public IterwatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
