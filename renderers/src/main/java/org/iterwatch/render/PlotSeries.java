package org.iterwatch.render;

/**
 * One named line of a chart.
 *
 * @param name legend label (empty for the single unnamed series)
 * @param x    abscissae, or null to number the points 1, 2, 3, …
 * @param y    the values, one per point
 */
public record PlotSeries(String name, double[] x, double[] y) {
    public PlotSeries {
        name = name == null ? "" : name;
        if (x != null && x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
    }

    public static PlotSeries ordinal(double[] y) {
        return new PlotSeries("", null, y);
    }

    public int size() {
        return y.length;
    }
}
