package org.iterwatch.config;

import java.time.Duration;

/**
 * @param refreshPeriod how often a running monitor reads its topic and redraws
 * @param threads       Quartz worker threads shared by all monitors
 * @param maxPoints     the most points a monitor keeps in memory
 */
public record Monitors(Duration refreshPeriod, Integer threads, Integer maxPoints) {
    public Monitors {
        refreshPeriod = refreshPeriod == null ? Duration.ofSeconds(2) : refreshPeriod;
        threads = threads == null ? 4 : threads;
        maxPoints = maxPoints == null ? 5_000_000 : maxPoints;
    }
}
