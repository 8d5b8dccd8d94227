package org.iterwatch.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The HTML of an alert message: what happened, where, when, and the tail of stderr. */
final class AlertText {
    static final int MAX = 4096;
    /** Room kept free for the "acknowledged by" line an Ack adds. */
    private static final int ACK_ROOM = 160;
    /** Escaping can make text five times longer; these bound the head so the stderr tail always has room. */
    private static final int MESSAGE_ROOM = 1500;
    private static final int HOST_ROOM = 400;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /**
     * What else is known when the alert is raised.
     *
     * @param topics the solver's topics, most recently linked first
     * @param last   what the monitor of the first one read last
     */
    record Context(List<String> topics, Optional<TopicProgress.Last> last) {
        static final Context NONE = new Context(List.of(), Optional.empty());
    }

    static String of(AlertKind kind, SolverEvent e, Instant at) {
        return of(kind, e, at, Context.NONE);
    }

    static String of(AlertKind kind, SolverEvent e, Instant at, Context context) {
        StringBuilder head = new StringBuilder();
        head.append(kind.icon()).append(" <b>").append(escape(e.solver())).append("</b> ").append(kind.headline());
        if (e.exitCode() != null) {
            head.append(" \u2014 exit code ").append(e.exitCode());
        }
        head.append('\n');
        if (e.message() != null && !e.message().isBlank()) {
            head.append(escapedHead(shorten(e.message().strip(), 500), MESSAGE_ROOM)).append('\n');
        }
        (kind == AlertKind.FAILED || kind == AlertKind.STOPPED ? ExitHints.hint(e) : Optional.<String>empty()).ifPresent(h -> head.append("\ud83d\udca1 ").append(h).append('\n'));
        if (!context.topics().isEmpty()) {
            head.append(context.topics().size() == 1 ? "Topic: " : "Topics: ").append(String.join(", ", context.topics()
                    .stream().limit(5).map(t -> "<code>" + escape(t) + "</code>").toList())).append('\n');
        }
        context.last().ifPresent(l -> head.append("Last record: iteration ").append(l.iteration()).append(", ")
                .append(TIME.format(l.at())).append(" (").append(duration(Duration.between(l.at(), at).abs()))
                .append(l.at().isAfter(at) ? " after" : " before").append(")\n"));
        if (e.host() != null) {
            head.append("Host: <code>").append(escapedHead(e.host(), HOST_ROOM)).append("</code>\n");
        }
        head.append("Time: ").append(TIME.format(at)).append('\n');
        if (e.durationSeconds() != null) {
            head.append("Duration: ").append(duration(Duration.ofSeconds(e.durationSeconds()))).append('\n');
        }
        String text = head.toString().stripTrailing();
        if (e.details() != null && !e.details().isBlank()) {
            int room = MAX - ACK_ROOM - text.length() - "\n<pre></pre>".length();
            text += "\n<pre>" + escapedTail(e.details().stripTrailing(), room) + "</pre>";
        }
        return text;
    }

    static String acknowledged(String html, String who) {
        return html + "\n\u2713 Acknowledged by " + escape(shorten(who, 64));
    }

    /** The beginning of {@code text} that fits in {@code room} characters once escaped, "…" when cut. */
    static String escapedHead(String text, int room) {
        String escaped = escape(text);
        if (escaped.length() <= room) {
            return escaped;
        }
        int used = 1;
        int to = 0;
        while (to < text.length()) {
            char c = text.charAt(to);
            int width = c == '&' ? 5 : c == '<' || c == '>' ? 4 : 1;
            if (used + width > room) {
                break;
            }
            used += width;
            to++;
        }
        if (to > 0 && Character.isHighSurrogate(text.charAt(to - 1))) {
            to--;
        }
        return escape(text.substring(0, to)) + "\u2026";
    }

    /** The last lines that fit in {@code room} characters once escaped: the end of stderr says most. */
    static String escapedTail(String text, int room) {
        String escaped = escape(text);
        if (escaped.length() <= room) {
            return escaped;
        }
        int used = 1;
        int from = text.length();
        while (from > 0) {
            char c = text.charAt(from - 1);
            int width = c == '&' ? 5 : c == '<' || c == '>' ? 4 : 1;
            if (used + width > room) {
                break;
            }
            used += width;
            from--;
        }
        if (from < text.length() && Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        int newline = text.indexOf('\n', from);
        if (newline >= 0 && newline < text.length() - 1 && newline - from < 200) {
            from = newline + 1;
        }
        return "\u2026" + escape(text.substring(from));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
