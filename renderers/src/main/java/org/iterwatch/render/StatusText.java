package org.iterwatch.render;

import java.time.Instant;
import java.util.List;

/** Chat texts about monitors, in Telegram HTML, always within a message's 4 096 characters. */
public final class StatusText {
    public static final int MAX_MESSAGE = 4096;

    private StatusText() {
    }

    /** The list of monitors; with none, says so (the chat adds how to add one: commands are its business). */
    public static String overview(List<StatusLine> lines) {
        if (lines.isEmpty()) {
            return "No monitors yet.";
        }
        StringBuilder out = new StringBuilder("<b>Monitors</b>\n");
        int shown = 0;
        for (StatusLine line : lines) {
            String entry = "\u2022 <code>" + Html.escape(Html.shorten(line.topic(), 120)) + "</code> \u2014 "
                    + Html.escape(Html.shorten(line.state(), 60)) + ", " + line.points() + " points, last update " + when(line.lastUpdate()) + "\n";
            if (out.length() + entry.length() > MAX_MESSAGE - 40) {
                out.append("\u2026 and ").append(lines.size() - shown).append(" more");
                break;
            }
            out.append(entry);
            shown++;
        }
        return fit(out.toString().stripTrailing());
    }

    /** Any chat text cut to Telegram's message limit, counted as Telegram counts it. */
    public static String fit(String html) {
        return Html.fit(html, MAX_MESSAGE);
    }

    /** How long ago, short: "now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", or "never". */
    public static String age(Instant instant, Instant now) {
        if (instant == null) {
            return "never";
        }
        long s = Math.max(0, now.getEpochSecond() - instant.getEpochSecond());
        if (s < 5) {
            return "now";
        }
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s < 172_800 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
    }

    public static String when(Instant instant) {
        return instant == null ? "never" : instant.toString().replace('T', ' ').replaceFirst("(\\.\\d+)?Z$", " UTC");
    }
}
