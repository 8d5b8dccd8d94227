package org.iterwatch.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ranges and tick marks at round numbers, with short labels that fit a phone screen. */
final class Ticks {
    private Ticks() {
    }

    /** A data range widened so points at its ends are not cut by the plot's border. */
    static double[] padded(double min, double max, boolean log) {
        if (log) {
            double lo = Math.log10(min);
            double hi = Math.log10(max);
            double pad = hi > lo ? (hi - lo) * 0.05 : 0.5;
            return new double[] {Math.pow(10, lo - pad), Math.pow(10, hi + pad)};
        }
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - pad, max + pad};
        }
        double pad = (max - min) * 0.05;
        return new double[] {min - pad, max + pad};
    }

    /** Round values inside [min, max], about {@code target} of them (steps of 1, 2 or 5 × 10^k). */
    static List<Double> linear(double min, double max, int target) {
        double raw = (max - min) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            if (ticks.size() > 50) {
                break;
            }
        }
        return ticks;
    }

    /** Powers of ten inside [min, max]; 1-2-5 steps too when the range spans few decades. */
    static List<Double> log(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        int lo = (int) Math.floor(Math.log10(min));
        int hi = (int) Math.ceil(Math.log10(max));
        int every = Math.max(1, (hi - lo + 5) / 6);
        double[] mantissas = hi - lo <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        for (int e = lo; e <= hi; e += every) {
            for (double m : mantissas) {
                double t = m * Math.pow(10, e);
                if (t >= min && t <= max) {
                    ticks.add(t);
                }
            }
        }
        if (ticks.size() < 2) {
            return linear(min, max, 4);
        }
        return ticks;
    }

    /** Short label: "250", "1.5", "12k", "3M", "1e-7"; at most about six characters. */
    static String label(double v, double step) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e15 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.1e", v).replace(".0e", "e").replace("e+", "e");
            return s.replaceAll("e(-?)0+(\\d)", "e$1$2");
        }
        if (a >= 10_000 && step >= 1000) {
            String[] suffixes = {"k", "M", "G", "T"};
            double scaled = v;
            int i = -1;
            double s = step;
            while (Math.abs(scaled) >= 1000 && i < suffixes.length - 1) {
                scaled /= 1000;
                s /= 1000;
                i++;
            }
            return plain(scaled, s) + suffixes[i];
        }
        return plain(v, step);
    }

    private static String plain(double v, double step) {
        int decimals = 0;
        double scaled = Math.abs(step);
        while (decimals < 8 && Math.abs(scaled - Math.rint(scaled)) > 1e-6 * Math.max(1, scaled)) {
            scaled *= 10;
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
