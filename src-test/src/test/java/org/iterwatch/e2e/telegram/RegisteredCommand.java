package org.iterwatch.e2e.telegram;

/** A bot command registered with setMyCommands. */
public record RegisteredCommand(String command, String description) {
}
