package org.iterwatch.render;

/**
 * How to draw a chart, beyond its data.
 *
 * @param logY           logarithmic value axis; values ≤ 0 cannot be placed on it and are marked at its bottom edge
 * @param xAxisTitle     null for "point" (ordinal x) or "x" (real coordinates)
 * @param yAxisTitle     null for "value"
 * @param fullResolution draw every point even when they crowd a pixel column (slow; for comparisons)
 * @param badge          a short note in the plot's corner (e.g. "finished in 3 h 12 min"), or null
 * @param previousRun    the run before this one, drawn faded grey behind it, or null
 */
public record ChartOptions(boolean logY, String xAxisTitle, String yAxisTitle, boolean fullResolution, String badge,
                           PreviousRun previousRun) {
    public static final ChartOptions DEFAULT = new ChartOptions(false, null, null, false, null, null);

    public ChartOptions(boolean logY, String xAxisTitle, String yAxisTitle, boolean fullResolution) {
        this(logY, xAxisTitle, yAxisTitle, fullResolution, null, null);
    }

    public ChartOptions withPreviousRun(PreviousRun run) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, fullResolution, badge, run);
    }

    public ChartOptions withLogY(boolean log) {
        return new ChartOptions(log, xAxisTitle, yAxisTitle, fullResolution, badge, previousRun);
    }

    public ChartOptions withAxisTitles(String x, String y) {
        return new ChartOptions(logY, x, y, fullResolution, badge, previousRun);
    }

    public ChartOptions withFullResolution(boolean full) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, full, badge, previousRun);
    }

    public ChartOptions withBadge(String text) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, fullResolution, text, previousRun);
    }
}
