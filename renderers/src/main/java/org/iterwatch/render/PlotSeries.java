package org.iterwatch.render;

import java.util.Arrays;

/**
 * One named line of a chart.
 *
 * <p>Non-finite values (NaN, infinities, in x or y) are not points: they are neither drawn nor counted, and the
 * line does not bridge them. {@code breaksBefore} names further points the line must not reach from
 * their predecessor, e.g. where iterations are missing.
 *
 * @param name         legend label (empty for the single unnamed series)
 * @param x            abscissae, or null to number the points 1, 2, 3, …
 * @param y            the values, one per point
 * @param breaksBefore indices i where no line joins point i-1 to point i (sorted, may be empty)
 */
public record PlotSeries(String name, double[] x, double[] y, int[] breaksBefore) {
    private static final int[] NO_BREAKS = {};

    public PlotSeries {
        name = name == null ? "" : name;
        if (y == null) {
            throw new IllegalArgumentException("a series needs values (y)");
        }
        if (x != null && x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        breaksBefore = breaksBefore == null ? NO_BREAKS : sorted(breaksBefore);
    }

    public PlotSeries(String name, double[] x, double[] y) {
        this(name, x, y, NO_BREAKS);
    }

    public static PlotSeries ordinal(double[] y) {
        return new PlotSeries("", null, y);
    }

    /** A named series numbered 1, 2, 3, … (one of several series in a topic). */
    public static PlotSeries named(String name, double[] y) {
        return new PlotSeries(name, null, y);
    }

    /** Real abscissae given by the solver as a start and a step ({@code x0}, {@code dx} headers). */
    public static PlotSeries regular(String name, double x0, double dx, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = x0 + i * dx;
        }
        return new PlotSeries(name, x, y);
    }

    /** The same points with the line broken before each given index. */
    public PlotSeries withBreaks(int... before) {
        return new PlotSeries(name, x, y, before);
    }

    /** Entries, including non-finite ones that are not drawn. */
    public int size() {
        return y.length;
    }

    /** Points that will be drawn and counted in the title: the finite values. */
    public int points() {
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (drawable(i)) {
                n++;
            }
        }
        return n;
    }

    boolean drawable(int i) {
        return Double.isFinite(y[i]) && (x == null || Double.isFinite(x[i]));
    }

    double xAt(int i) {
        return x == null ? i + 1 : x[i];
    }

    private static int[] sorted(int[] breaks) {
        int[] copy = breaks.clone();
        Arrays.sort(copy);
        return copy;
    }
}
