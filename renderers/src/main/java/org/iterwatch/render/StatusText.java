package org.iterwatch.render;

import java.time.Instant;
import java.util.List;

/** Chat texts about monitors, in Telegram HTML, always within a message's 4 096 characters. */
public final class StatusText {
    public static final int MAX_MESSAGE = 4096;

    private StatusText() {
    }

    public static String overview(List<StatusLine> lines) {
        if (lines.isEmpty()) {
            return "No monitors yet. Add one with /add &lt;topic&gt;.";
        }
        StringBuilder out = new StringBuilder("<b>Monitors</b>\n");
        int shown = 0;
        for (StatusLine line : lines) {
            String entry = "\u2022 <code>" + Html.escape(Html.shorten(line.topic(), 120)) + "</code> \u2014 "
                    + Html.escape(line.state()) + ", " + line.points() + " points, last update " + when(line.lastUpdate()) + "\n";
            if (out.length() + entry.length() > MAX_MESSAGE - 40) {
                out.append("\u2026 and ").append(lines.size() - shown).append(" more");
                break;
            }
            out.append(entry);
            shown++;
        }
        return out.toString().stripTrailing();
    }

    public static String when(Instant instant) {
        return instant == null ? "never" : instant.toString().replace('T', ' ').replaceFirst("(\\.\\d+)?Z$", " UTC");
    }
}
