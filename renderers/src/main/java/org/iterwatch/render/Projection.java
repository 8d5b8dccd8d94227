package org.iterwatch.render;

import java.util.Arrays;

/**
 * A series mapped to pixels. Sparse series keep every point. Dense series (more points than pixel
 * columns) keep, per run of consecutive points in one pixel column, the run's mean for the line, and the
 * column's lowest and highest point ({@link #lo}, {@link #hi}) for the markers' envelope: the line through
 * the means is painted over the envelope, so at any point count the picture keeps every spike and still
 * shows where the bulk of the points lies.
 *
 * <p>Values beyond the plot's value range (outliers, see {@link DataRange}) and non-finite values are not
 * placed: their columns are marked in {@link #edges} so the chart can mark them at its edge, and the line
 * does not pass through them.
 *
 * @param xs        vertex columns (fractional pixels); when dense, one per run of points in a column
 * @param ys        vertex rows (fractional pixels)
 * @param starts    true where the line starts afresh (first point, after a gap, a break or an unplaced value)
 * @param lo        per plot column, the smallest row of any point there (NaN: none); null when sparse
 * @param hi        per plot column, the largest row; null when sparse
 * @param edges     per plot column, {@link #ABOVE}, {@link #BELOW} and {@link #NON_FINITE} bits
 * @param outliers  values beyond the value range
 * @param nonFinite NaN or infinite values (at a finite abscissa)
 */
record Projection(float[] xs, float[] ys, boolean[] starts, int count, float[] lo, float[] hi, byte[] edges,
                  long outliers, long nonFinite) {
    static final byte ABOVE = 1;
    static final byte BELOW = 2;
    static final byte NON_FINITE = 4;

    boolean dense() {
        return lo != null;
    }

    static Projection of(PlotSeries series, PlotArea area, boolean dense) {
        return of(series, area, dense, area.yMin(), area.yMax());
    }

    /** @param lowest the smallest value placed (smaller ones are outliers); @param highest the largest */
    static Projection of(PlotSeries series, PlotArea area, boolean dense, double lowest, double highest) {
        return new Walker(series, area, dense, lowest, highest).walk();
    }

    private static final class Walker {
        private final PlotSeries series;
        private final PlotArea area;
        private final float[] lo;
        private final float[] hi;
        private final byte[] edges;
        private final double lowest;
        private final double highest;
        private long outliers;
        private long nonFinite;
        private float[] xs;
        private float[] ys;
        private boolean[] starts;
        private int count;
        // the open run of points in one column (dense mode)
        private int column = Integer.MIN_VALUE;
        private boolean runStarts;
        private double sumX;
        private double sumY;
        private int runLength;
        private float minY;
        private float maxY;

        Walker(PlotSeries series, PlotArea area, boolean dense, double lowest, double highest) {
            this.series = series;
            this.lowest = lowest;
            this.highest = highest;
            this.area = area;
            int capacity = dense ? area.plotWidth() + 64 : series.size();
            xs = new float[Math.max(16, capacity)];
            ys = new float[xs.length];
            starts = new boolean[xs.length];
            edges = new byte[area.plotWidth()];
            if (dense) {
                lo = new float[area.plotWidth()];
                hi = new float[area.plotWidth()];
                Arrays.fill(lo, Float.NaN);
                Arrays.fill(hi, Float.NaN);
            } else {
                lo = null;
                hi = null;
            }
        }

        Projection walk() {
            double[] y = series.y();
            double[] x = series.x();
            int[] breaks = series.breaksBefore();
            int nextBreak = 0;
            boolean fresh = true;
            // Mapping inlined (not PlotArea.pixelX) because this loop runs once per point: a million times.
            double xScale = (area.right() - area.left()) / (area.xMax() - area.xMin());
            boolean log = area.logY();
            double yLo = log ? Math.log10(area.yMin()) : area.yMin();
            double yScale = (area.bottom() - area.top()) / ((log ? Math.log10(area.yMax()) : area.yMax()) - yLo);
            // The value range the plot shows, widened by a hair so values at its ends are never outliers.
            double slack = (highest - lowest) * 1e-9;
            double top = highest + slack;
            double bottom = lowest - slack;
            for (int i = 0; i < y.length; i++) {
                while (nextBreak < breaks.length && breaks[nextBreak] <= i) {
                    nextBreak++;
                    fresh = true;
                }
                double at = x == null ? i + 1 : x[i];
                if (!(at > Double.NEGATIVE_INFINITY && at < Double.POSITIVE_INFINITY)) {
                    fresh = true;
                    continue;
                }
                float px = (float) (area.left() + (at - area.xMin()) * xScale);
                double v = y[i];
                if (!(v >= bottom && v <= top)) { // beyond the range, or NaN
                    if (v > top && v < Double.POSITIVE_INFINITY) {
                        mark(px, ABOVE);
                        outliers++;
                    } else if (v < bottom && v > Double.NEGATIVE_INFINITY) {
                        mark(px, BELOW);
                        outliers++;
                    } else {
                        mark(px, NON_FINITE);
                        nonFinite++;
                    }
                    fresh = true;
                    continue;
                }
                float py = (float) (area.bottom() - ((log ? Math.log10(v) : v) - yLo) * yScale);
                if (lo == null) {
                    add(px, py, fresh);
                } else {
                    dense(px, py, fresh);
                }
                fresh = false;
            }
            if (lo != null) {
                flush();
            }
            return new Projection(xs, ys, starts, count, lo, hi, edges, outliers, nonFinite);
        }

        private void mark(float px, byte kind) {
            int c = Math.min(edges.length - 1, Math.max(0, Math.round(px) - area.left()));
            edges[c] |= kind;
        }

        private void dense(float px, float py, boolean fresh) {
            int col = Math.round(px);
            if (col == column && !fresh) {
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
            } else {
                flush();
                column = col;
                runStarts = fresh;
                sumX = 0;
                sumY = 0;
                runLength = 0;
                minY = py;
                maxY = py;
            }
            sumX += px;
            sumY += py;
            runLength++;
        }

        private void flush() {
            if (column == Integer.MIN_VALUE) {
                return;
            }
            add((float) (sumX / runLength), (float) (sumY / runLength), runStarts);
            int c = Math.min(lo.length - 1, Math.max(0, column - area.left()));
            lo[c] = Float.isNaN(lo[c]) ? minY : Math.min(lo[c], minY);
            hi[c] = Float.isNaN(hi[c]) ? maxY : Math.max(hi[c], maxY);
            column = Integer.MIN_VALUE;
        }

        private void add(float px, float py, boolean start) {
            if (count == xs.length) {
                xs = Arrays.copyOf(xs, count * 2);
                ys = Arrays.copyOf(ys, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
            }
            xs[count] = px;
            ys[count] = py;
            starts[count] = start;
            count++;
        }
    }
}
