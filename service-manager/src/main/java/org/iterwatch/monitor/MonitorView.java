package org.iterwatch.monitor;

import java.time.Instant;

/**
 * A monitor as the chat shows it.
 *
 * @param lastUpdate time of the newest record read, or null if none yet
 * @param rebuilding it runs but is still rereading its topic: the figures are those its chart last showed
 * @param finished   its solver marked the last record final: the calculation is over
 */
public record MonitorView(long id, String topic, String title, MonitorState state, long points,
                          long firstIteration, long lastIteration, Instant lastUpdate, long skipped, boolean rebuilding,
                          boolean finished) {
}
