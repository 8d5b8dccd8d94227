package org.iterwatch.monitor;

import java.time.Instant;

/**
 * A monitor as the chat shows it.
 *
 * @param lastUpdate time of the newest record read, or null if none yet
 */
public record MonitorView(long id, String topic, String title, MonitorState state, long points,
                          long firstIteration, long lastIteration, Instant lastUpdate, long skipped) {
}
