package org.iterwatch.monitor;

import org.iterwatch.render.PlotSeries;

/**
 * Keeps the smallest and largest value of each of a bounded number of buckets, at their own
 * abscissae: a 1280 px chart shows no more, and the chart library slows down badly with a million
 * points. A series this short is returned as it is.
 */
final class Decimation {
    static final int MAX_POINTS = 4_000;

    private Decimation() {
    }

    static PlotSeries of(PlotSeries s) {
        int n = s.size();
        if (n <= MAX_POINTS) {
            return s;
        }
        int buckets = MAX_POINTS / 2;
        double[] x = new double[buckets * 2];
        double[] y = new double[buckets * 2];
        int out = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) n * b / buckets);
            int to = (int) ((long) n * (b + 1) / buckets);
            int min = from;
            int max = from;
            for (int i = from + 1; i < to; i++) {
                if (s.y()[i] < s.y()[min]) {
                    min = i;
                }
                if (s.y()[i] > s.y()[max]) {
                    max = i;
                }
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            x[out] = abscissa(s, first);
            y[out++] = s.y()[first];
            if (second != first) {
                x[out] = abscissa(s, second);
                y[out++] = s.y()[second];
            }
        }
        return new PlotSeries(s.name(), java.util.Arrays.copyOf(x, out), java.util.Arrays.copyOf(y, out));
    }

    private static double abscissa(PlotSeries s, int i) {
        return s.x() == null ? i + 1 : s.x()[i];
    }
}
