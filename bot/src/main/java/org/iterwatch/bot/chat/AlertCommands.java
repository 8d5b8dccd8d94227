package org.iterwatch.bot.chat;

import java.time.Duration;
import java.util.List;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.config.Durations;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusText;
import org.iterwatch.subscription.AlertPress;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.People;

/** /subscribe, /unsubscribe, /mute, /unmute and the buttons under an alert: which solver alerts reach a chat. */
public final class AlertCommands {
    private final Alerts alerts;
    private final EventsConsumer events;
    private final People people;

    public AlertCommands(Alerts alerts, EventsConsumer events, People people) {
        this.alerts = alerts;
        this.events = events;
        this.people = people;
    }

    /** /link solver topic: its alerts name the topic and link its chart; bare solver: its topics. */
    String link(Incoming.Text m, String argument) {
        String[] words = WrongUsage.required(argument).split("\\s+");
        if (words.length == 1) {
            List<String> topics = alerts.topics(words[0]);
            return topics.isEmpty() ? AlertTexts.linksNothing(words[0]) : AlertTexts.links(words[0], topics);
        }
        if (words.length != 2) {
            throw new WrongUsage();
        }
        alerts.link(words[0], words[1]);
        return AlertTexts.linked(words[0], words[1]);
    }

    /** /status ends with what an operator must act on: invalid events skipped from the Kafka topic. */
    String withFooter(String status) {
        long skipped = events.skipped();
        if (skipped == 0) {
            return status;
        }
        String footer = AlertTexts.skippedEvents(skipped, events.lastSkip());
        return Html.fit(status, StatusText.MAX_MESSAGE - Html.visibleLength(footer) - 2) + "\n\n" + footer;
    }

    String subscribe(Incoming.Text m, String target) {
        if (target.isEmpty()) {
            List<String> now = alerts.subscriptions(m.chatId());
            if (now.isEmpty()) {
                throw new WrongUsage(AlertTexts.FOLLOWS_NO_SOLVER, "");
            }
            return AlertTexts.follows(now);
        }
        return alerts.subscribe(m.chatId(), m.thread(), target, m.userId())
                ? AlertTexts.subscribed(target) : AlertTexts.subscribedAlready(target);
    }

    String unsubscribe(Incoming.Text m, String target) {
        if (WrongUsage.required(target).equalsIgnoreCase("all")) {
            return alerts.unsubscribeAll(m.chatId()) == 0 ? AlertTexts.FOLLOWS_NOTHING : AlertTexts.UNSUBSCRIBED_ALL;
        }
        return alerts.unsubscribe(m.chatId(), target) ? AlertTexts.unsubscribed(target) : AlertTexts.notSubscribed(target);
    }

    String mute(Incoming.Text m, String argument) {
        Duration d;
        try {
            d = Durations.parse(argument.isEmpty() ? "1h" : argument);
        } catch (IllegalArgumentException e) {
            throw new WrongUsage("", AlertTexts.MUTE_EXAMPLES);
        }
        return AlertTexts.muted(alerts.mute(m.chatId(), d));
    }

    String unmute(Incoming.Text m, String argument) {
        return alerts.unmute(m.chatId()) ? AlertTexts.UNMUTED : AlertTexts.NOT_MUTED;
    }

    /** True when the press came from the message that is this alert's copy in that chat. */
    boolean shownIn(AlertPress press, Incoming.Press from) {
        return alerts.shownIn(press.alertId(), from.chatId(), from.messageId());
    }

    /** The buttons under an alert: Mute 1h for this chat, Ack for everyone who got it. */
    String press(AlertPress press, Incoming.Press from) {
        return switch (press.action()) {
            case MUTE -> AlertTexts.mutedFromAlert(alerts.muteFromAlert(press.alertId(), from.chatId()));
            case ACK -> alerts.acknowledge(press.alertId(), from.chatId(), people.name(from.userId()))
                    ? null : AlertTexts.ACKNOWLEDGED_ALREADY;
        };
    }
}
