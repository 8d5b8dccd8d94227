package org.iterwatch.monitor;

import java.time.Duration;
import java.util.Arrays;
import org.iterwatch.render.Progress;

/**
 * What one run's records tell beyond their points: its pace, its planned end, and values that left the sane
 * range (non-finite ones, and with {@code limit=} ones beyond ±limit), as episodes: an episode begins with the
 * first iteration that has such a value and ends when a later iteration has none.
 *
 * <p>Fed record by record during ingest, so it keeps only counters and a short ring of recent iterations.
 */
final class RunProgress {
    /** Intervals the pace is taken from: recent enough to follow a change, many enough to outvote a pause. */
    private static final int RECENT = 15;
    private final long[] iterations = new long[RECENT + 1];
    private final long[] millis = new long[RECENT + 1];
    private int seen;
    private long newest = -1;
    private long first = -1;
    private Long total;
    private boolean last;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;
    private final Episode nonFinite = new Episode();
    private final Episode diverging = new Episode();

    /** A stretch of iterations with bad values: since when, and the newest bad one. */
    static final class Episode {
        private long since = -1;
        private long latest = -1;

        void see(long iteration, boolean bad) {
            if (bad) {
                since = since < 0 ? iteration : Math.min(since, iteration);
                latest = Math.max(latest, iteration);
            } else if (since >= 0 && iteration > latest) {
                since = -1;
                latest = -1;
            }
        }

        /** The first iteration of the open episode, or -1 when none is open. */
        long since() {
            return since;
        }
    }

    /** @param limit values beyond ±limit are diverging ({@code limit=}; infinity: no limit) */
    void take(long iteration, double[] values, Long plannedTotal, boolean finalRecord, long recordMillis, double limit) {
        if (plannedTotal != null) {
            total = plannedTotal;
        }
        last |= finalRecord;
        firstMillis = Math.min(firstMillis, recordMillis);
        lastMillis = Math.max(lastMillis, recordMillis);
        first = first < 0 ? iteration : Math.min(first, iteration);
        if (iteration > newest) {
            newest = iteration;
            int slot = seen % iterations.length;
            iterations[slot] = iteration;
            millis[slot] = recordMillis;
            seen++;
        }
        boolean bad = false;
        boolean beyond = false;
        for (double v : values) {
            // one comparison for the usual value: finite and within the limit
            if (!(v > -limit && v < limit)) {
                if (Double.isFinite(v)) {
                    beyond = true;
                } else {
                    bad = true;
                }
            }
        }
        nonFinite.see(iteration, bad);
        diverging.see(iteration, beyond);
    }

    /** Seconds per iteration: the median of the recent intervals, so that one pause does not decide it. */
    Double secondsPerIteration() {
        int n = Math.min(seen, iterations.length);
        if (n < 2) {
            return null;
        }
        double[] paces = new double[n - 1];
        int start = seen - n;
        for (int k = 1; k < n; k++) {
            int a = (start + k - 1) % iterations.length;
            int b = (start + k) % iterations.length;
            paces[k - 1] = (millis[b] - millis[a]) / 1000.0 / (iterations[b] - iterations[a]);
        }
        Arrays.sort(paces);
        double median = paces[paces.length / 2];
        return median > 0 ? median : null;
    }

    boolean finished() {
        return last || total != null && newest >= 0 && newest + (first == 0 ? 1 : 0) >= total;
    }

    long nonFiniteSince() {
        return nonFinite.since();
    }

    long divergingSince() {
        return diverging.since();
    }

    /** For the caption and /status; null before any record. */
    Progress progress() {
        if (newest < 0) {
            return null;
        }
        return new Progress(newest, total, secondsPerIteration(), finished(),
                Duration.ofMillis(Math.max(0, lastMillis - firstMillis)));
    }
}
