package org.iterwatch.render;

import java.time.Instant;

/**
 * What the caption under a progress chart tells.
 *
 * @param lastUpdate when the newest point arrived, or null if none did yet
 */
public record ProgressCaption(String topic, String state, long points, long firstIteration, long lastIteration,
                              Instant lastUpdate, long skipped) {

    /** Telegram counts caption length after entity parsing; we stay under it with room to spare. */
    public static final int MAX_CAPTION = 1024;
    private static final int MAX_TOPIC = 200;

    public String html() {
        StringBuilder out = new StringBuilder();
        out.append("<b>").append(Html.escape(Html.shorten(topic, MAX_TOPIC))).append("</b>\n");
        out.append("State: ").append(Html.escape(state)).append('\n');
        out.append("Points: ").append(points);
        if (points > 0) {
            out.append(" \u00b7 iterations ").append(firstIteration).append('\u2013').append(lastIteration);
        }
        out.append('\n');
        out.append("Last update: ").append(StatusText.when(lastUpdate));
        if (skipped > 0) {
            out.append("\nSkipped records: ").append(skipped);
        }
        return out.toString();
    }
}
