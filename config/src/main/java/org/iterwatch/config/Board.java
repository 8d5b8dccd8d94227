package org.iterwatch.config;

import java.time.Duration;

/**
 * The pinned status board ({@code /board}).
 *
 * @param period the board is redrawn at most this often, and only when a monitor changed
 */
public record Board(Duration period) {
    public Board {
        period = period == null ? Duration.ofMinutes(1) : period;
    }
}
