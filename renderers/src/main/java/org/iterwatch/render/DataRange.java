package org.iterwatch.render;

import java.util.Arrays;
import java.util.List;

/**
 * The values a chart must show: x from the smallest to the largest finite abscissa, y over the bulk of the
 * finite values, widened when they are one value, so an axis always has a span. The axes show exactly this
 * range; the margin that keeps edge points off the plot's border is XChart's (its plot content size).
 *
 * <p>The y range is robust: one value of 1e6 among values near 1 would otherwise flatten every other point
 * onto one row. It reaches from the 0.5 % to the 99.5 % quantile of the values, widened by that span on
 * each side, and ends at the most extreme values inside those bounds; what lies outside is an outlier, marked at
 * the plot's edge ({@link Projection}) and counted in the caption.
 *
 * @param realX whether any series has solver coordinates (else x counts points 1, 2, 3, …)
 * @param wholeX whether every abscissa is a whole number (points counted, iterations, indices): no decimals on the axis
 */
record DataRange(double xMin, double xMax, double yMin, double yMax, boolean logY, boolean realX, boolean wholeX) {
    /** Enough values for quantiles good to a fraction of a percent; more would only cost a longer sort. */
    private static final int SAMPLE = 20_000;
    private static final double TAIL = 0.005;

    static DataRange of(List<PlotSeries> series, boolean logY) {
        return of(series, logY, null);
    }

    /** With the previous run's x range and the range of its means, so that both runs are in the picture. */
    static DataRange of(List<PlotSeries> series, boolean logY, PreviousRun previous) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean realX = false;
        boolean wholeX = true;
        long placeable = 0;
        for (PlotSeries s : series) {
            realX |= s.x() != null;
            double[] y = s.y();
            double[] x = s.x();
            for (int i = 0; i < y.length; i++) {
                double at = x == null ? i + 1 : x[i];
                if (!(at > Double.NEGATIVE_INFINITY && at < Double.POSITIVE_INFINITY)) {
                    continue;
                }
                // A non-finite value is still data: its abscissa belongs on the axis, where it is marked.
                xMin = Math.min(xMin, at);
                xMax = Math.max(xMax, at);
                wholeX &= x == null || at == Math.rint(at);
                double v = y[i];
                // Written out rather than via PlotSeries.drawable: this loop runs once per point.
                if (!(v > Double.NEGATIVE_INFINITY && v < Double.POSITIVE_INFINITY) || logY && v <= 0) {
                    continue;
                }
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
                placeable++;
            }
        }
        if (previous != null) {
            realX |= previous.realX();
            xMin = Math.min(xMin, previous.xMin());
            xMax = Math.max(xMax, previous.xMax());
            wholeX &= previous.xMin() == Math.rint(previous.xMin()) && previous.xMax() == Math.rint(previous.xMax());
        }
        if (xMin > xMax) {
            return new DataRange(realX ? 0 : 1, realX ? 1 : 10, logY ? 1 : 0, logY ? 10 : 1, logY, realX, !realX);
        }
        if (yMin > yMax) { // only non-finite values so far
            yMin = logY ? 1 : 0;
            yMax = logY ? 10 : 1;
        }
        double[] bulk = bulk(series, logY, placeable);
        if (bulk != null && (yMin < bound(bulk[0], logY) || yMax > bound(bulk[1], logY))) {
            // the axis ends at the most extreme values that are not outliers, not at the bounds themselves
            double[] within = extremes(series, logY, bound(bulk[0], logY), bound(bulk[1], logY));
            yMin = within[0];
            yMax = within[1];
        }
        if (previous != null) {
            for (float m : previous.mean()) {
                if (Float.isFinite(m) && !(logY && m <= 0)) {
                    yMin = Math.min(yMin, m);
                    yMax = Math.max(yMax, m);
                }
            }
        }
        double[] x = realX || xMax > xMin ? widened(xMin, xMax, false) : new double[] {xMin - 1, xMax + 1};
        double[] y = widened(yMin, yMax, logY);
        return new DataRange(x[0], x[1], y[0], y[1], logY, realX, wholeX);
    }

    /** The same values on an x axis that reaches from {@code from} to {@code to} (its ticks may reach past the data). */
    DataRange withX(double from, double to) {
        return new DataRange(from, to, yMin, yMax, logY, realX, wholeX);
    }

    /**
     * The quantile span widened by itself on each side (in decades on a log axis), from an even sample of the
     * values; null when there are too few values to call any of them an outlier.
     */
    private static double[] bulk(List<PlotSeries> series, boolean logY, long placeable) {
        if (placeable < 50) {
            return null;
        }
        long stride = Math.max(1, placeable / SAMPLE);
        double[] sample = new double[(int) Math.min(placeable, SAMPLE + 1)];
        int n = 0;
        long seen = 0;
        for (PlotSeries s : series) {
            double[] y = s.y();
            for (int i = 0; i < y.length && n < sample.length; i++) {
                double v = y[i];
                if (v > Double.NEGATIVE_INFINITY && v < Double.POSITIVE_INFINITY && !(logY && v <= 0)
                        && seen++ % stride == 0) {
                    sample[n++] = logY ? Math.log10(v) : v;
                }
            }
        }
        Arrays.sort(sample, 0, n);
        double lo = sample[(int) Math.floor(TAIL * (n - 1))];
        double hi = sample[(int) Math.ceil((1 - TAIL) * (n - 1))];
        double span = hi - lo;
        if (!(span > 0)) {
            return null; // the bulk is one value: nothing tells an outlier from a rare value
        }
        return new double[] {lo - span, hi + span};
    }

    private static double bound(double v, boolean logY) {
        return logY ? Math.pow(10, v) : v;
    }

    /** The smallest and largest finite values within [lo, hi]. */
    private static double[] extremes(List<PlotSeries> series, boolean logY, double lo, double hi) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (PlotSeries s : series) {
            for (double v : s.y()) {
                if (v >= lo && v <= hi && !(logY && v <= 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    private static double[] widened(double min, double max, boolean log) {
        if (max > min) {
            return new double[] {min, max};
        }
        if (log) {
            return new double[] {min / 2, max * 2};
        }
        double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
        return new double[] {min - pad, max + pad};
    }
}
