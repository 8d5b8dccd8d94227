package org.iterwatch.bot.chat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.render.Html;

/** What the bot answers about which alerts reach a chat (subscriptions, mutes, alert buttons), in Telegram HTML. */
public final class AlertTexts {
    static final String FOLLOWS_NO_SOLVER = "This chat follows no solver.";
    static final String FOLLOWS_NOTHING = "This chat follows nothing.";
    static final String UNSUBSCRIBED_ALL = "Unsubscribed from everything.";
    static final String MUTE_EXAMPLES = ", e.g. /mute 30m or /mute 2h.";
    static final String UNMUTED = "\ud83d\udd14 Alerts are on again.";
    static final String NOT_MUTED = "This chat was not muted.";
    static final String ACKNOWLEDGED_ALREADY = "It was acknowledged already.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertTexts() {
    }

    /** The last line of /status while invalid events were skipped: an operator must act on them. */
    static String skippedEvents(long skipped, Optional<EventsConsumer.Skip> last) {
        return "\u26a0 " + skipped + " invalid event" + (skipped == 1 ? "" : "s") + " skipped from <code>"
                + EventsConsumer.TOPIC + "</code> since iterwatch started" + last
                .map(l -> "; the last (offset " + l.offset() + "): " + Html.escape(l.reason())).orElse("")
                + ". Each is in the log.";
    }

    static String follows(List<String> targets) {
        return "This chat gets the alerts of: " + String.join(", ", targets.stream()
                .map(t -> t.equals("*") ? "all solvers" : "<code>" + Html.escape(t) + "</code>").toList());
    }

    static String subscribed(String target) {
        return "\ud83d\udd14 Subscribed: alerts of " + quoted(target) + " come here.";
    }

    static String subscribedAlready(String target) {
        return "This chat is subscribed to " + quoted(target) + " already.";
    }

    static String unsubscribed(String target) {
        return "Unsubscribed from <code>" + Html.escape(target) + "</code>.";
    }

    static String notSubscribed(String target) {
        return "This chat was not subscribed to " + quoted(target) + ".";
    }

    static String linked(String solver, String topic) {
        return "\ud83d\udd17 Alerts of " + quoted(solver) + " now name " + quoted(topic) + " and link its chart.";
    }

    static String links(String solver, List<String> topics) {
        return "Alerts of " + quoted(solver) + " name " + String.join(", ", topics.stream().map(AlertTexts::quoted).toList())
                + ".";
    }

    static String linksNothing(String solver) {
        return "No topic is linked to " + quoted(solver) + " yet: /link " + Html.escape(Html.shorten(solver, 200))
                + " &lt;topic&gt;, or send \"topic\" in its events.";
    }

    static String muted(Instant until) {
        return "\ud83d\udd15 Muted until " + TIME.format(until)
                + ". Alerts raised until then are not sent here. /unmute ends it.";
    }

    static String mutedFromAlert(Instant until) {
        return "\ud83d\udd15 Muted for 1 h, until " + TIME.format(until) + ". /unmute ends it.";
    }

    private static String quoted(String target) {
        return "<code>" + Html.escape(Html.shorten(target, 200)) + "</code>";
    }
}
