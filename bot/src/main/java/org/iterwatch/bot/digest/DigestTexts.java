package org.iterwatch.bot.digest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.iterwatch.render.Html;
import org.iterwatch.render.ProgressCaption;
import org.iterwatch.render.Titles;
import org.iterwatch.subscription.RaisedAlert;

/** What the digest and /digest say, in Telegram HTML. */
public final class DigestTexts {
    /** A chat's digest: daily at this time of this zone, next at {@code next}. */
    public record Schedule(LocalTime time, ZoneId zone, Instant next) {
    }

    public static final String USAGE_HINT = "e.g. /digest 08:30 Europe/Berlin";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm zzz", Locale.ROOT);
    private static final int LISTED_ALERTS = 8;

    private DigestTexts() {
    }

    public static String set(Schedule s) {
        return "\ud83d\uddde Daily digest here at " + time(s.time()) + " " + s.zone().getId()
                + ": the status board and the last 24 h (alerts and who acknowledged them, monitors started, stopped "
                + "and failed, points added). Next: " + WHEN.format(s.next().atZone(s.zone())) + ". /digest off ends it.";
    }

    public static String none() {
        return "This chat gets no digest. /digest 08:30 Europe/Berlin sends one every day at 08:30 Berlin time.";
    }

    public static String off(boolean had) {
        return had ? "No more digests here." : none();
    }

    public static String badZone(String zone) {
        return "Unknown time zone '" + Html.escape(Html.shorten(zone, 40)) + "': use a name such as Europe/Berlin, "
                + "America/New_York or UTC.";
    }

    static String caption(Instant now, ZoneId zone, List<RaisedAlert> raised, List<DigestStore.Activity> activity,
                          Map<String, Long> added) {
        StringBuilder out = new StringBuilder("<b>Daily digest</b> \u00b7 the last 24 h to ")
                .append(WHEN.format(now.atZone(zone))).append('\n');
        long acked = raised.stream().filter(a -> a.ackedBy() != null).count();
        out.append("Alerts: ").append(raised.size()).append(" raised, ").append(acked).append(" acknowledged\n");
        raised.stream().skip(Math.max(0, raised.size() - LISTED_ALERTS)).forEach(a -> out.append(a.ackedBy() == null
                ? "\u00b7 " : "\u2713 ").append(Html.escape(Html.shorten(a.solver(), 60))).append(' ')
                .append(a.kind().toLowerCase(Locale.ROOT)).append(a.ackedBy() == null ? ""
                        : " \u2014 acknowledged by " + Html.escape(Html.shorten(a.ackedBy(), 60))).append('\n'));
        Map<String, Long> kinds = activity.stream().collect(Collectors.groupingBy(DigestStore.Activity::kind,
                TreeMap::new, Collectors.counting()));
        out.append("Monitors: ").append(kinds.getOrDefault("started", 0L)).append(" started, ")
                .append(kinds.getOrDefault("stopped", 0L)).append(" stopped, ")
                .append(kinds.getOrDefault("failed", 0L)).append(" failed\n");
        long total = added.values().stream().mapToLong(Long::longValue).sum();
        out.append("Points added: ").append(Titles.count(total));
        if (!added.isEmpty()) {
            out.append(" (").append(added.entrySet().stream().limit(10)
                    .map(e -> Html.escape(Html.shorten(e.getKey(), 60)) + " +" + Titles.count(e.getValue()))
                    .collect(Collectors.joining(", "))).append(added.size() > 10 ? ", \u2026)" : ")");
        }
        return fit(out.toString());
    }

    private static String fit(String html) {
        return org.iterwatch.render.Html.fit(html, ProgressCaption.MAX_CAPTION);
    }

    private static String time(LocalTime t) {
        return t.getSecond() == 0 ? String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute())
                : String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    }
}
