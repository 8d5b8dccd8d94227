package org.iterwatch.bot.chat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusText;

/**
 * /status at a glance: a line counting the monitors by state, then the monitors, what needs attention first
 * (failed, stalled, reconnecting, running, stopped, finished), each with its icon, points, last iteration and how
 * long ago its last record came, in the chat's time zone.
 */
final class StatusOverview {
    /** The order of attention; the names are what the chat reads. */
    enum Standing {
        FAILED("\ud83d\udd34", "failed"),
        STALLED("\u26a0\ufe0f", "stalled"),
        RECONNECTING("\ud83d\udd04", "reconnecting"),
        RUNNING("\ud83d\udfe2", "running"),
        STOPPED("\u23f9", "stopped"),
        FINISHED("\u2705", "finished");

        final String icon;
        final String label;

        Standing(String icon, String label) {
            this.icon = icon;
            this.label = label;
        }

        static Standing of(MonitorView v) {
            return switch (v.state()) {
                case FAILED -> FAILED;
                case STALLED -> STALLED;
                case RECONNECTING -> RECONNECTING;
                case RUNNING -> v.finished() ? FINISHED : RUNNING;
                case STOPPED -> v.finished() ? FINISHED : STOPPED;
            };
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT);

    private StatusOverview() {
    }

    static String html(List<MonitorView> monitors, ZoneId zone, Instant now) {
        Map<Standing, Integer> counts = new EnumMap<>(Standing.class);
        monitors.forEach(v -> counts.merge(Standing.of(v), 1, Integer::sum));
        StringBuilder out = new StringBuilder("<b>");
        counts.forEach((s, n) -> out.append(out.length() > 3 ? " \u00b7 " : "").append(n).append(' ').append(s.label));
        out.append("</b>\n");
        List<MonitorView> sorted = monitors.stream()
                .sorted(Comparator.comparing(Standing::of).thenComparing(MonitorView::topic)).toList();
        String footer = zone.normalized().equals(java.time.ZoneOffset.UTC) ? "" : "\nTimes in " + Html.escape(zone.getId()) + ".";
        for (int i = 0; i < sorted.size(); i++) {
            String line = line(sorted.get(i), zone, now) + "\n";
            if (out.length() + line.length() + footer.length() > StatusText.MAX_MESSAGE - 60) {
                out.append("\u2026 and ").append(sorted.size() - i).append(" more");
                break;
            }
            out.append(line);
        }
        return StatusText.fit(out.toString().stripTrailing() + footer);
    }

    static String line(MonitorView v, ZoneId zone, Instant now) {
        Standing standing = Standing.of(v);
        StringBuilder out = new StringBuilder(standing.icon).append(" <code>")
                .append(Html.escape(Html.shorten(v.topic(), 120))).append("</code> \u2014 ").append(standing.label);
        if (v.rebuilding()) {
            return out.append(" \u00b7 rebuilding\u2026").toString();
        }
        out.append(" \u00b7 ").append(Plural.of(v.points(), "point"));
        if (v.points() > 0) {
            out.append(" \u00b7 iteration ").append(v.lastIteration());
        }
        return out.append(" \u00b7 last record ").append(when(v.lastUpdate(), zone, now)).toString();
    }

    /** "2 min ago"; past an hour also the clock time there, past a day the date. */
    static String when(Instant at, ZoneId zone, Instant now) {
        if (at == null) {
            return "never";
        }
        String age = StatusText.age(at, now);
        Duration since = Duration.between(at, now);
        if (since.compareTo(Duration.ofHours(1)) < 0) {
            return age;
        }
        return age + " (" + (since.compareTo(Duration.ofHours(20)) < 0 ? CLOCK : DAY).format(at.atZone(zone)) + ")";
    }
}
