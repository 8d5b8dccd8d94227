package org.iterwatch.render;

import java.time.Duration;

/**
 * The shape of the run before the current one, kept when the calculation restarted: per bucket of its x
 * range, the lowest, highest and mean value. A few KB however many points it had, so it can be stored
 * where Kafka no longer has the run.
 *
 * @param points   the points it had
 * @param duration from its first record to its last
 * @param realX    whether x is the solver's abscissa (else the point's number 1, 2, 3, …)
 * @param xMin     the x of the first bucket's start
 * @param xMax     the x of the last bucket's end
 * @param lo       per bucket the smallest value, NaN where the bucket is empty
 * @param hi       per bucket the largest value
 * @param mean     per bucket the mean
 */
public record PreviousRun(long points, Duration duration, boolean realX, double xMin, double xMax, float[] lo,
                          float[] hi, float[] mean) {
    /** Buckets: about one per pixel column of a phone-sized chart. */
    public static final int BUCKETS = 512;

    /** {@code 1,000,000 points, 3 h 12 min}. */
    public String summary() {
        return Titles.count(points) + (points == 1 ? " point, " : " points, ") + Progress.duration(duration);
    }

    public int buckets() {
        return mean.length;
    }

    /** The x at the middle of bucket {@code b}. */
    public double xAt(int b) {
        return xMin + (b + 0.5) * (xMax - xMin) / buckets();
    }

    /** Builds the envelope from points given one by one. */
    public static final class Builder {
        private final double xMin;
        private final double xMax;
        private final boolean realX;
        private final float[] lo = new float[BUCKETS];
        private final float[] hi = new float[BUCKETS];
        private final double[] sum = new double[BUCKETS];
        private final int[] count = new int[BUCKETS];
        private long points;

        public Builder(double xMin, double xMax, boolean realX) {
            this.xMin = xMin;
            this.xMax = xMax > xMin ? xMax : xMin + 1;
            this.realX = realX;
            java.util.Arrays.fill(lo, Float.NaN);
            java.util.Arrays.fill(hi, Float.NaN);
        }

        public void add(double x, double y) {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                return;
            }
            int b = (int) Math.min(BUCKETS - 1, Math.max(0, (x - xMin) / (xMax - xMin) * BUCKETS));
            float v = (float) y;
            lo[b] = count[b] == 0 ? v : Math.min(lo[b], v);
            hi[b] = count[b] == 0 ? v : Math.max(hi[b], v);
            sum[b] += y;
            count[b]++;
            points++;
        }

        public PreviousRun build(Duration duration) {
            float[] mean = new float[BUCKETS];
            for (int b = 0; b < BUCKETS; b++) {
                mean[b] = count[b] == 0 ? Float.NaN : (float) (sum[b] / count[b]);
            }
            return new PreviousRun(points, duration, realX, xMin, xMax, lo, hi, mean);
        }
    }
}
