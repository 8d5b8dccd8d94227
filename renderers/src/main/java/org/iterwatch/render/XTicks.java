package org.iterwatch.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The x axis's ticks: evenly spaced round values (1, 2 or 5 × 10^k apart) from at or below the first abscissa to at
 * or above the last, so that a reader sees where the data start and how far they go (0, 200k, …, 1M). The axis
 * spans exactly these ticks; XChart is handed them as its stand-in abscissae, and places its ticks on evenly
 * spaced stand-ins without searching for a spacing of its own.
 *
 * <p>Labels: counts and whole abscissae (iterations, indices) never show decimals; from 100 000 on they are short
 * ({@code 250k}, {@code 1.2M}), as a long label at the axis's end would not fit in the picture.
 *
 * @param first the first tick, at or below the data's start
 * @param step  the distance between ticks
 * @param count the number of intervals: the last tick is {@code first + count × step}
 * @param whole whether the abscissae are whole numbers, so the step is at least 1
 */
record XTicks(double first, double step, int count, boolean whole) {
    /** Short labels from here on: "1,000,000" at the axis's end would reach out of the picture. */
    private static final double SHORT_FROM = 100_000;
    private static final double[] MANTISSAS = {1, 2, 5};

    /**
     * The finest ticks that are at least {@code minSpacing} pixels apart (and far enough apart for their labels)
     * when {@code min}..{@code max} is drawn {@code pixels} wide.
     */
    static XTicks cover(double min, double max, boolean whole, double pixels, double minSpacing,
                        ToDoubleFunction<String> labelWidth) {
        double span = max - min;
        if (!(span > 0) || !Double.isFinite(span)) { // no round ticks to find: the ends themselves, and the middle
            return new XTicks(min, max / 2 - min / 2, 2, false);
        }
        int exponent = (int) Math.floor(Math.log10(span / 50));
        for (int e = exponent; ; e++) {
            for (double m : MANTISSAS) {
                double step = m * Math.pow(10, e);
                if (whole && step < 1) {
                    continue;
                }
                XTicks ticks = around(min, max, step, whole);
                double spacing = pixels / ticks.count;
                // one interval is as few as there can be, whether its labels fit or not
                if (ticks.count == 1 || spacing >= minSpacing
                        && spacing >= 1.2 * ticks.widestLabel(labelWidth) + minSpacing / 10) {
                    return ticks;
                }
            }
        }
    }

    private static XTicks around(double min, double max, double step, boolean whole) {
        // a hair of tolerance, so that a value a rounding error past a tick does not cost a whole step
        long from = (long) Math.floor(min / step + 1e-9);
        long to = (long) Math.ceil(max / step - 1e-9);
        return new XTicks(from * step, step, (int) Math.max(1, to - from), whole);
    }

    double last() {
        return value(count);
    }

    /** The ticks' values, first to last. */
    double[] values() {
        double[] v = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            v[i] = value(i);
        }
        return v;
    }

    private double value(int i) {
        // from the tick's index, not by adding steps up: no drift, 0.3 stays 0.3
        return BigDecimal.valueOf(first).add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(i))).doubleValue();
    }

    private double widestLabel(ToDoubleFunction<String> labelWidth) {
        double widest = 0;
        for (double v : values()) {
            widest = Math.max(widest, labelWidth.applyAsDouble(label(v)));
        }
        return widest;
    }

    /** A tick's label: {@code 0}, {@code 1,500}, {@code 250k}, {@code 1M}, {@code 0.25}. */
    String label(double value) {
        double v = value == 0 ? 0 : value; // no "-0"
        double largest = Math.max(Math.abs(first), Math.abs(last()));
        if (largest >= SHORT_FROM) {
            return shortLabel(v);
        }
        int decimals = whole ? 0 : Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        return format(decimals).format(v);
    }

    private String shortLabel(double v) {
        double abs = Math.abs(v);
        String[] suffixes = {"", "k", "M", "G", "T"};
        int power = 0;
        while (power < suffixes.length - 1 && abs >= Math.pow(1000, power + 1)) {
            power++;
        }
        double scaled = v / Math.pow(1000, power);
        BigDecimal rounded = BigDecimal.valueOf(scaled).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return format(Math.max(0, rounded.scale())).format(rounded) + suffixes[power];
    }

    private static DecimalFormat format(int decimals) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f;
    }
}
