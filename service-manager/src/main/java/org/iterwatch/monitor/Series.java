package org.iterwatch.monitor;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of one monitor keyed by (iteration, index): a repeated identity replaces the earlier
 * value, and points are ordered by identity, not arrival. Absent indices hold NaN.
 */
final class Series {
    private final TreeMap<Long, double[]> iterations = new TreeMap<>();
    private long points;
    private long version;

    void put(long iteration, int firstIndex, double[] values) {
        double[] row = iterations.get(iteration);
        int needed = firstIndex + values.length;
        if (row == null || row.length < needed) {
            double[] grown = row == null ? new double[needed] : Arrays.copyOf(row, needed);
            Arrays.fill(grown, row == null ? 0 : row.length, needed, Double.NaN);
            row = grown;
            iterations.put(iteration, row);
        }
        for (int i = 0; i < values.length; i++) {
            double old = row[firstIndex + i];
            if (Double.isNaN(old)) {
                points++;
            }
            if (Double.compare(old, values[i]) != 0) {
                row[firstIndex + i] = values[i];
                version++;
            }
        }
    }

    /** All values in identity order. */
    double[] values() {
        double[] out = new double[Math.toIntExact(points)];
        int n = 0;
        for (Map.Entry<Long, double[]> e : iterations.entrySet()) {
            for (double v : e.getValue()) {
                if (!Double.isNaN(v)) {
                    out[n++] = v;
                }
            }
        }
        return out;
    }

    long points() {
        return points;
    }

    /** Grows whenever a point is added or changed, so an unchanged series is never redrawn. */
    long version() {
        return version;
    }

    long firstIteration() {
        return iterations.isEmpty() ? 0 : iterations.firstKey();
    }

    long lastIteration() {
        return iterations.isEmpty() ? 0 : iterations.lastKey();
    }
}
