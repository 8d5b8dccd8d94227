package org.iterwatch.render;

import java.util.Arrays;

/**
 * A series mapped to pixels. Sparse series keep every point. Dense series (more points than pixel
 * columns) keep, per run of consecutive points in one pixel column, only the run's first and last
 * point for the line, and the column's lowest and highest point ({@link #lo}, {@link #hi}) for the
 * markers' envelope: the line inside one column lies within that envelope, which is painted over it,
 * so the picture keeps every spike and the line's every jump between columns at any point count.
 *
 * @param xs     vertex columns (fractional pixels); when dense, pairs (first, last) per run
 * @param ys     vertex rows (fractional pixels)
 * @param starts true where the line starts afresh (first point, after a gap or a break)
 * @param lo     per plot column, the smallest row of any point there (NaN: none); null when sparse
 * @param hi     per plot column, the largest row; null when sparse
 */
record Projection(float[] xs, float[] ys, boolean[] starts, int count, float[] lo, float[] hi) {

    boolean dense() {
        return lo != null;
    }

    static Projection of(PlotSeries series, PlotArea area, boolean dense) {
        return new Walker(series, area, dense).walk();
    }

    private static final class Walker {
        private final PlotSeries series;
        private final PlotArea area;
        private final float[] lo;
        private final float[] hi;
        private float[] xs;
        private float[] ys;
        private boolean[] starts;
        private int count;
        // the open run of points in one column (dense mode)
        private int column = Integer.MIN_VALUE;
        private boolean runStarts;
        private float firstX;
        private float firstY;
        private float lastX;
        private float lastY;
        private float minY;
        private float maxY;

        Walker(PlotSeries series, PlotArea area, boolean dense) {
            this.series = series;
            this.area = area;
            int capacity = dense ? 2 * area.plotWidth() + 64 : series.size();
            xs = new float[Math.max(16, capacity)];
            ys = new float[xs.length];
            starts = new boolean[xs.length];
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
            int[] breaks = series.breaksBefore();
            int nextBreak = 0;
            boolean fresh = true;
            // Mapping inlined (not PlotArea.pixelX) because this loop runs once per point: a million times.
            double xScale = (area.right() - area.left()) / (area.xMax() - area.xMin());
            boolean log = area.logY();
            double yLo = log ? Math.log10(area.yMin()) : area.yMin();
            double yScale = (area.bottom() - area.top()) / ((log ? Math.log10(area.yMax()) : area.yMax()) - yLo);
            for (int i = 0; i < y.length; i++) {
                while (nextBreak < breaks.length && breaks[nextBreak] <= i) {
                    nextBreak++;
                    fresh = true;
                }
                double v = y[i];
                if (!series.drawable(i) || log && v <= 0) {
                    fresh = true;
                    continue;
                }
                float px = (float) (area.left() + (series.xAt(i) - area.xMin()) * xScale);
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
            return new Projection(xs, ys, starts, count, lo, hi);
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
                firstX = px;
                firstY = py;
                minY = py;
                maxY = py;
            }
            lastX = px;
            lastY = py;
        }

        private void flush() {
            if (column == Integer.MIN_VALUE) {
                return;
            }
            add(firstX, firstY, runStarts);
            add(lastX, lastY, false);
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
