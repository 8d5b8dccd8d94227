package org.iterwatch.render;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a calculation is and when it will be done, as its records tell.
 *
 * @param iteration           the newest iteration
 * @param total               the iterations the solver plans, or null when it did not say
 * @param secondsPerIteration the recent pace, or null before two iterations arrived
 * @param finished            the solver sent {@code "final": true}, or the total was reached
 * @param duration            from the run's first record to its newest, or null without records
 */
public record Progress(long iteration, Long total, Double secondsPerIteration, boolean finished, Duration duration) {

    /**
     * {@code iteration 412 of 1000 (41 %) · ETA 12 min (34 s per iteration)}, {@code iteration 412 · 34 s per
     * iteration} without a total, {@code finished after 3 h 12 min (1000 iterations)} once finished.
     */
    public String text() {
        if (finished) {
            return "finished after " + duration(duration) + " (iteration " + iteration
                    + (total != null ? " of " + total : "") + ")";
        }
        StringBuilder out = new StringBuilder("iteration ").append(iteration);
        if (total != null && total > 0) {
            long percent = Math.min(100, Math.max(0, Math.round(100.0 * iteration / total)));
            out.append(" of ").append(total).append(" (").append(percent).append(" %)");
            if (secondsPerIteration != null) {
                double left = Math.max(0, total - iteration) * secondsPerIteration;
                out.append(" \u00b7 ETA ").append(duration(Duration.ofMillis(Math.round(left * 1000))))
                        .append(" (").append(pace(secondsPerIteration)).append(')');
            }
        } else if (secondsPerIteration != null) {
            out.append(" \u00b7 ").append(pace(secondsPerIteration));
        }
        return out.toString();
    }

    /** The chart's corner note: shown only once the calculation finished. */
    public String badge() {
        return finished ? "finished after " + duration(duration) : null;
    }

    static String pace(double seconds) {
        String number = seconds >= 10 ? Long.toString(Math.round(seconds))
                : String.format(Locale.ROOT, seconds >= 1 ? "%.1f" : "%.2g", seconds);
        return number + " s per iteration";
    }

    /** "14 s", "2 min 20 s", "12 min", "3 h 12 min", "2 d 3 h": about two digits of precision. */
    public static String duration(Duration d) {
        if (d == null) {
            return "an unknown time";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 7200) {
            return Math.round(s / 60.0) + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }
}
