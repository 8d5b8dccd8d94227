package org.iterwatch.bot;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.iterwatch.bot.events.EventsConsumer;
import org.iterwatch.config.Durations;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusText;
import org.iterwatch.subscription.AlertPress;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.SubscriptionException;

/** /subscribe, /unsubscribe, /mute, /unmute: which solver alerts reach a chat. */
final class AlertCommands {
    static final List<TelegramGateway.BotCommandSpec> MENU = List.of(
            new TelegramGateway.BotCommandSpec("subscribe", "Get a solver's alerts here: /subscribe <solver|topic|all>"),
            new TelegramGateway.BotCommandSpec("unsubscribe", "Stop them: /unsubscribe <solver|topic|all>"),
            new TelegramGateway.BotCommandSpec("mute", "No alerts for a while: /mute <duration>, e.g. 2h"),
            new TelegramGateway.BotCommandSpec("unmute", "Alerts again"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Alerts alerts;
    private final EventsConsumer events;

    AlertCommands(Alerts alerts, EventsConsumer events) {
        this.alerts = alerts;
        this.events = events;
    }

    /** /status ends with what an operator must act on: invalid events skipped from the Kafka topic. */
    String withFooter(String status) {
        long skipped = events.skipped();
        if (skipped == 0) {
            return status;
        }
        String footer = "\u26a0 " + skipped + " invalid event" + (skipped == 1 ? "" : "s") + " skipped from <code>"
                + EventsConsumer.TOPIC + "</code> since iterwatch started" + events.lastSkip()
                .map(last -> "; the last (offset " + last.offset() + "): " + Html.escape(last.reason())).orElse("")
                + ". Each is in the log.";
        return Html.fit(status, StatusText.MAX_MESSAGE - Html.visibleLength(footer) - 2) + "\n\n" + footer;
    }

    /** Viewers may: following alerts is what viewers are for. */
    Map<String, Handler> handlers() {
        return Map.of("subscribe", new Handler(Role.VIEWER, this::subscribe),
                "unsubscribe", new Handler(Role.VIEWER, this::unsubscribe),
                "mute", new Handler(Role.VIEWER, this::mute), "unmute", new Handler(Role.VIEWER, (m, a) -> unmute(m)));
    }

    private String subscribe(Incoming.Text m, String target) {
        if (target.isEmpty()) {
            List<String> now = alerts.subscriptions(m.chatId());
            return now.isEmpty() ? "This chat follows no solver. Usage: /subscribe &lt;solver|topic|all&gt;"
                    : "This chat gets the alerts of: " + names(now);
        }
        String name = "<code>" + Html.escape(Html.shorten(target, 200)) + "</code>";
        return alerts.subscribe(m.chatId(), m.thread(), target, m.userId())
                ? "\ud83d\udd14 Subscribed: alerts of " + name + " come here."
                : "This chat is subscribed to " + name + " already.";
    }

    private String unsubscribe(Incoming.Text m, String target) {
        if (target.isEmpty()) {
            throw new SubscriptionException("Usage: /unsubscribe <solver|topic|all>");
        }
        if (target.equalsIgnoreCase("all")) {
            int removed = alerts.unsubscribeAll(m.chatId());
            return removed == 0 ? "This chat follows nothing." : "Unsubscribed from everything.";
        }
        return alerts.unsubscribe(m.chatId(), target)
                ? "Unsubscribed from <code>" + Html.escape(target) + "</code>."
                : "This chat was not subscribed to <code>" + Html.escape(Html.shorten(target, 200)) + "</code>.";
    }

    private String mute(Incoming.Text m, String argument) {
        Duration d;
        try {
            d = Durations.parse(argument.isEmpty() ? "1h" : argument);
        } catch (IllegalArgumentException e) {
            throw new SubscriptionException("Usage: /mute <duration>, e.g. /mute 30m or /mute 2h.");
        }
        return "\ud83d\udd15 Muted until " + TIME.format(alerts.mute(m.chatId(), d))
                + ". Alerts raised until then are not sent here. /unmute ends it.";
    }

    private String unmute(Incoming.Text m) {
        return alerts.unmute(m.chatId()) ? "\ud83d\udd14 Alerts are on again." : "This chat was not muted.";
    }

    /** True when the press came from the message that is this alert's copy in that chat. */
    boolean shownIn(AlertPress press, Incoming.Press from) {
        return alerts.shownIn(press.alertId(), from.chatId(), from.messageId());
    }

    /** The buttons under an alert: Mute 1h for this chat, Ack for everyone who got it. */
    String press(AlertPress press, Incoming.Press from) {
        return switch (press.action()) {
            case MUTE -> "\ud83d\udd15 Muted for 1 h, until " + TIME.format(alerts.muteFromAlert(press.alertId(), from.chatId()))
                    + ". /unmute ends it.";
            case ACK -> alerts.acknowledge(press.alertId(), from.chatId(), "user " + from.userId())
                    ? null : "It was acknowledged already.";
        };
    }

    private static String names(List<String> targets) {
        return String.join(", ", targets.stream()
                .map(t -> t.equals("*") ? "all solvers" : "<code>" + Html.escape(t) + "</code>").toList());
    }
}
