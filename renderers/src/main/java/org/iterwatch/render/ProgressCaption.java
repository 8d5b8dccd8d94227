package org.iterwatch.render;

import java.time.Instant;
import java.util.Locale;

/**
 * What the caption under a progress chart tells.
 *
 * @param lastUpdate when the newest point arrived, or null if none did yet
 */
public record ProgressCaption(String topic, String state, long points, long firstIteration, long lastIteration,
                              Instant lastUpdate, long skipped) {

    /** Telegram's caption limit, counted after entity parsing. */
    public static final int MAX_CAPTION = 1024;
    private static final int MAX_TOPIC = 200;
    private static final int MAX_STATE = 60;
    private static final int MAX_MISSING = 160;
    private static final int MAX_ERROR = 300;

    public String html() {
        return html(CaptionDetails.NONE);
    }

    /** "⚠ 60 non-finite values (marked at the top) · 1 outlier (marked at the edge)". */
    static String marks(CaptionDetails details) {
        StringBuilder out = new StringBuilder();
        if (details.nonFinite() > 0) {
            out.append("\u26a0 ").append(Titles.count(details.nonFinite())).append(" non-finite value")
                    .append(details.nonFinite() == 1 ? "" : "s").append(" (marked at the top)");
        }
        if (details.outliers() > 0) {
            out.append(out.length() > 0 ? " \u00b7 " : "").append(Titles.count(details.outliers())).append(" outlier")
                    .append(details.outliers() == 1 ? "" : "s").append(" (marked at the edge)");
        }
        return out.toString();
    }

    /** The caption with optional facts; always within {@link #MAX_CAPTION} visible characters. */
    public String html(CaptionDetails details) {
        StringBuilder out = new StringBuilder();
        out.append("<b>").append(Html.escape(Html.shorten(topic, MAX_TOPIC))).append("</b>\n");
        out.append("State: ").append(Html.escape(Html.shorten(state, MAX_STATE))).append('\n');
        // grouped as the title writes it: 1,000,000 reads at a glance, 1000000 does not. Iteration numbers stay
        // ungrouped: the missing ones follow as a comma-separated list.
        out.append("Points: ").append(Titles.count(points));
        if (points > 0) {
            out.append(" \u00b7 iterations ").append(firstIteration).append('\u2013').append(lastIteration);
        }
        if (details.missing().length > 0) {
            out.append(", missing ").append(Iterations.ranges(details.missing(), MAX_MISSING));
        }
        out.append('\n');
        if (details.progress() != null) {
            out.append("Progress: ").append(Html.escape(details.progress().text())).append('\n');
        }
        if (details.convergence() != null) {
            out.append("Convergence: ").append(Html.escape(details.convergence().text())).append('\n');
        }
        if (details.nonFinite() > 0 || details.outliers() > 0) {
            out.append(marks(details)).append('\n');
        }
        if (details.previousRun() != null) {
            out.append("Previous run: ").append(Html.escape(Html.shorten(details.previousRun(), 200))).append('\n');
        }
        if (details.pointsPerMinute() != null) {
            out.append("Rate: ").append(String.format(Locale.ROOT, "%.3g", details.pointsPerMinute())).append(" points/min\n");
        }
        out.append("Last update: ").append(StatusText.when(lastUpdate));
        if (details.restarts() > 0) {
            out.append("\nRestarts: ").append(details.restarts());
        }
        if (skipped > 0) {
            out.append("\nSkipped records: ").append(skipped);
            if (details.lastError() != null) {
                out.append(" (last: ").append(Html.escape(Html.shorten(details.lastError(), MAX_ERROR))).append(')');
            }
        }
        return Html.fit(out.toString(), MAX_CAPTION);
    }
}
