package org.iterwatch.render;

import java.util.Locale;

/**
 * How a solver that recomputes the same grid converges: the change of its newest iteration against the one
 * before, over the same indices.
 *
 * @param iteration      the iteration the change is of
 * @param maxDelta       the largest |Δ|
 * @param rmsDelta       the root mean square of Δ
 * @param rate           the observed ratio of |Δ| from one iteration to the next (geometric decay), or null
 * @param iterationsLeft iterations still needed to bring |Δ| under the tolerance at that rate, or null
 * @param tolerance      the tolerance ({@code converge=})
 */
public record Convergence(long iteration, double maxDelta, double rmsDelta, Double rate, Long iterationsLeft,
                          double tolerance) {

    /** {@code |Δ| 3.2e-05 (RMS 1.1e-05) · r = 0.52 · about 12 iterations to 1e-06}. */
    public String text() {
        StringBuilder out = new StringBuilder("|\u0394| ").append(sci(maxDelta)).append(" (RMS ").append(sci(rmsDelta))
                .append(')');
        if (rate != null) {
            out.append(" \u00b7 r = ").append(String.format(Locale.ROOT, "%.3g", rate));
        }
        if (maxDelta < tolerance) {
            out.append(" \u00b7 under ").append(sci(tolerance));
        } else if (iterationsLeft != null) {
            out.append(" \u00b7 about ").append(iterationsLeft).append(" iterations to ").append(sci(tolerance));
        } else {
            out.append(" \u00b7 not approaching ").append(sci(tolerance));
        }
        return out.toString();
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
