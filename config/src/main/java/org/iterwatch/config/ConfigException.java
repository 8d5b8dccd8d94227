package org.iterwatch.config;

/** Invalid configuration; the message names the key and the problem, ready to show a user. */
public final class ConfigException extends IterwatchException {
    public ConfigException(String message) {
        super(message);
    }
}
