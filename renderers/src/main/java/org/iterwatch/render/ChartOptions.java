package org.iterwatch.render;

/**
 * How to draw a chart, beyond its data.
 *
 * @param logY           logarithmic value axis; values ≤ 0 cannot be placed on it and are left out of the picture
 * @param xAxisTitle     null for "point" (ordinal x) or "x" (real coordinates)
 * @param yAxisTitle     null for "value"
 * @param fullResolution draw every point even when they crowd a pixel column (slow; for comparisons)
 */
public record ChartOptions(boolean logY, String xAxisTitle, String yAxisTitle, boolean fullResolution) {
    public static final ChartOptions DEFAULT = new ChartOptions(false, null, null, false);

    public ChartOptions withLogY(boolean log) {
        return new ChartOptions(log, xAxisTitle, yAxisTitle, fullResolution);
    }

    public ChartOptions withAxisTitles(String x, String y) {
        return new ChartOptions(logY, x, y, fullResolution);
    }

    public ChartOptions withFullResolution(boolean full) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, full);
    }
}
