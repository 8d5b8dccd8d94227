package org.iterwatch.monitor;

import java.time.Instant;
import org.iterwatch.render.Progress;

/**
 * What a monitor's reader knew after its latest batch: published by the reader and read as a whole by
 * {@code /status}, listings, metrics and captions, which therefore never wait for the reader. Immutable, so
 * a reader sees one consistent moment, never figures from two different batches.
 *
 * @param gaps     the missing iterations as of the end of the last whole read (counting them walks every
 *                 iteration, too slow to do after every batch of a rebuild)
 * @param version  grows with every point added or changed (see {@link Series#version()})
 * @param rate     records read per second over the last minute
 * @param lag      records in Kafka not read yet
 * @param since    when this reader was created: the monitor's uptime
 * @param caughtUp whether the reader has once reached the end of the topic, so its series is whole
 * @param progress how far the run is and its pace, or null before any record
 */
record MonitorSnapshot(long points, long firstIteration, long lastIteration, Series.Gaps gaps, Instant lastRecord,
                       long skipped, String lastError, long version, double rate, long lag, Instant since,
                       boolean caughtUp, Progress progress) {
    /** A monitor that has read nothing (not started since iterwatch started, or stopped before its first tick). */
    static final MonitorSnapshot NONE = new MonitorSnapshot(0, 0, 0, Series.Gaps.NONE, null, 0, null, 0, 0, 0, null, false,
            null);
}
