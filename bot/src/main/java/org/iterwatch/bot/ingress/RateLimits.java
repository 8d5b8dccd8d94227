package org.iterwatch.bot.ingress;

import java.util.HashMap;
import java.util.Map;

/** A token bucket per API token: {@code perSecond} events a second, bursts up to the same number. */
public final class RateLimits {
    private final double perSecond;
    private final Map<Integer, double[]> buckets = new HashMap<>();

    RateLimits(int perSecond) {
        this.perSecond = perSecond;
    }

    synchronized boolean take(int token) {
        long now = System.nanoTime();
        double[] b = buckets.computeIfAbsent(token, k -> new double[] {perSecond, now});
        b[0] = Math.min(perSecond, b[0] + (now - (long) b[1]) / 1e9 * perSecond);
        b[1] = now;
        if (b[0] < 1) {
            return false;
        }
        b[0] -= 1;
        return true;
    }
}
