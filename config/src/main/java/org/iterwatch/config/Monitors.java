package org.iterwatch.config;

import java.time.Duration;

/**
 * @param refreshPeriod  how often a running monitor reads its topic and redraws (a monitor may set its own)
 * @param threads        Quartz worker threads shared by all monitors
 * @param maxPoints      the most values one record may carry
 * @param maxRecordBytes records longer than this are skipped unread and counted
 * @param stallPeriod    a running monitor whose topic receives nothing this long is reported stalled
 *                       (a monitor may set its own)
 * @param failureLimit   failed ticks in a row after which a monitor stops as FAILED and its followers are told
 */
public record Monitors(Duration refreshPeriod, Integer threads, Integer maxPoints, Integer maxRecordBytes,
                       Duration stallPeriod, Integer failureLimit) {
    public Monitors {
        refreshPeriod = refreshPeriod == null ? Duration.ofSeconds(2) : refreshPeriod;
        threads = threads == null ? 4 : threads;
        maxPoints = maxPoints == null ? 5_000_000 : maxPoints;
        maxRecordBytes = maxRecordBytes == null ? 16 * 1024 * 1024 : maxRecordBytes;
        stallPeriod = stallPeriod == null ? Duration.ofMinutes(10) : stallPeriod;
        failureLimit = failureLimit == null ? 5 : failureLimit;
    }

}
