package org.iterwatch.render;

import java.util.List;

/**
 * The values a chart must show: the smallest and largest finite x and y over all series, widened when
 * they are one value, so an axis always has a span. The axes show exactly this range; the margin that
 * keeps edge points off the plot's border is XChart's (its plot content size).
 *
 * @param realX whether any series has solver coordinates (else x counts points 1, 2, 3, …)
 */
record DataRange(double xMin, double xMax, double yMin, double yMax, boolean logY, boolean realX) {

    static DataRange of(List<PlotSeries> series, boolean logY) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean realX = false;
        for (PlotSeries s : series) {
            realX |= s.x() != null;
            double[] y = s.y();
            double[] x = s.x();
            for (int i = 0; i < y.length; i++) {
                double v = y[i];
                // Written out rather than via PlotSeries.drawable: this loop runs once per point.
                if (!(v > Double.NEGATIVE_INFINITY && v < Double.POSITIVE_INFINITY) || logY && v <= 0) {
                    continue;
                }
                double at = x == null ? i + 1 : x[i];
                if (!(at > Double.NEGATIVE_INFINITY && at < Double.POSITIVE_INFINITY)) {
                    continue;
                }
                xMin = Math.min(xMin, at);
                xMax = Math.max(xMax, at);
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        if (xMin > xMax) {
            return new DataRange(realX ? 0 : 1, realX ? 1 : 10, logY ? 1 : 0, logY ? 10 : 1, logY, realX);
        }
        double[] x = realX || xMax > xMin ? widened(xMin, xMax, false) : new double[] {xMin - 1, xMax + 1};
        double[] y = widened(yMin, yMax, logY);
        return new DataRange(x[0], x[1], y[0], y[1], logY, realX);
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
