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
 * @param faded          how many of the last series are earlier iterations, drawn as fading lines behind the
 *                       others, without markers or a legend entry (the Latest view)
 */
public record ChartOptions(boolean logY, String xAxisTitle, String yAxisTitle, boolean fullResolution, String badge,
                           PreviousRun previousRun, int faded) {
    public static final ChartOptions DEFAULT = new ChartOptions(false, null, null, false, null, null, 0);

    public ChartOptions(boolean logY, String xAxisTitle, String yAxisTitle, boolean fullResolution) {
        this(logY, xAxisTitle, yAxisTitle, fullResolution, null, null, 0);
    }

    public ChartOptions withFaded(int count) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, fullResolution, badge, previousRun, count);
    }

    public ChartOptions withPreviousRun(PreviousRun run) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, fullResolution, badge, run, faded);
    }

    public ChartOptions withLogY(boolean log) {
        return new ChartOptions(log, xAxisTitle, yAxisTitle, fullResolution, badge, previousRun, faded);
    }

    public ChartOptions withAxisTitles(String x, String y) {
        return new ChartOptions(logY, x, y, fullResolution, badge, previousRun, faded);
    }

    public ChartOptions withFullResolution(boolean full) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, full, badge, previousRun, faded);
    }

    public ChartOptions withBadge(String text) {
        return new ChartOptions(logY, xAxisTitle, yAxisTitle, fullResolution, text, previousRun, faded);
    }
}
