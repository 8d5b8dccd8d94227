package org.iterwatch.config;

import java.time.Duration;

/**
 * @param refreshPeriod  how often a running monitor reads its topic and redraws (a monitor may set its own)
 * @param threads        Quartz worker threads shared by all monitors
 * @param maxPoints      the most values one record may carry, and the bound of every index: a value sits at
 *                       index 0 … maxPoints − 1, whether the index comes from the JSON or a header
 * @param maxRecordBytes records longer than this are skipped unread and counted
 * @param stallPeriod    a running monitor whose topic receives nothing this long is reported stalled
 *                       (a monitor may set its own)
 * @param failureLimit   failed ticks in a row after which a monitor stops as FAILED and its followers are told
 * @param maxPointsPerMonitor the most cells (8 bytes each: values, empty cells a row keeps, abscissae, a small
 *                       overhead per iteration) one monitor's series may hold; a record that would need more is
 *                       skipped and counted
 */
public record Monitors(Duration refreshPeriod, Integer threads, Integer maxPoints, Integer maxRecordBytes,
                       Duration stallPeriod, Integer failureLimit, Integer maxPointsPerMonitor) {
    public Monitors {
        refreshPeriod = refreshPeriod == null ? Duration.ofSeconds(2) : refreshPeriod;
        threads = threads == null ? 4 : threads;
        maxPoints = maxPoints == null ? 5_000_000 : maxPoints;
        maxRecordBytes = maxRecordBytes == null ? 16 * 1024 * 1024 : maxRecordBytes;
        stallPeriod = stallPeriod == null ? Duration.ofMinutes(10) : stallPeriod;
        failureLimit = failureLimit == null ? 5 : failureLimit;
        maxPointsPerMonitor = maxPointsPerMonitor == null ? 20_000_000 : maxPointsPerMonitor;
    }

}
