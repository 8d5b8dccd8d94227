package org.iterwatch.render;

import java.time.Instant;

/** One monitor in the /status overview; {@code lastUpdate} is null before the first record. */
public record StatusLine(String topic, String state, long points, Instant lastUpdate) {
}
