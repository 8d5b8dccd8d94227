package org.iterwatch.monitor;

import java.time.Instant;

/**
 * What a monitor's chart last showed, as stored: survives a stop, a failure and a restart of iterwatch.
 *
 * @param lastRecord time of the newest record then, or null
 */
public record LastKnown(long points, long firstIteration, long lastIteration, Instant lastRecord) {
}
