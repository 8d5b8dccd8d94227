package org.iterwatch.bot.chat;

import java.util.Optional;
import org.iterwatch.bot.board.StatusBoards;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.subscription.AlertPress;
import org.iterwatch.subscription.Role;

/**
 * Presses on our inline buttons. Callback data is untrusted: a press counts only when its data is a
 * button we put under that very message (a chart of that monitor, a copy of that alert); anything
 * else changes nothing, tells nothing but {@link ChatTexts#DEAD_BUTTON}, and is audited. Each press is
 * answered before the work it asks for.
 */
public final class Presses {
    private final Delivery delivery;
    private final MonitorService monitors;
    private final Access access;
    private final AlertCommands alertCommands;
    private final OverviewCommands overview;

    public Presses(Delivery delivery, MonitorService monitors, Access access, AlertCommands alertCommands,
                   OverviewCommands overview) {
        this.delivery = delivery;
        this.monitors = monitors;
        this.access = access;
        this.alertCommands = alertCommands;
        this.overview = overview;
    }

    void onPress(Incoming.Press press) {
        Optional<Role> role = access.admit(press);
        if (role.isEmpty()) {
            return;
        }
        Optional<AlertPress> alert = AlertPress.parse(press.data());
        Optional<Buttons.Press> chart = Buttons.parse(press.data());
        Optional<Buttons.ViewPress> view = Buttons.parseView(press.data());
        if (StatusBoards.REFRESH_DATA.equals(press.data())) {
            onBoard(press);
        } else if (Buttons.REMOVED.equals(press.data())) {
            // Ours, under the chart of a removed monitor: it only says so.
            delivery.answerCallback(press.callbackId(), ChatTexts.REMOVED_MONITOR);
        } else if (alert.isPresent()) {
            onAlert(press, alert.get());
        } else if (view.isPresent()) {
            onView(press, view.get());
        } else if (chart.isPresent()) {
            onChart(press, chart.get(), role.get());
        } else {
            access.forged(press, "not the data of any button of ours");
        }
    }

    /** ⟳ under a status board, for every role: it only redraws what the chat may see anyway. */
    private void onBoard(Incoming.Press from) {
        if (!overview.refreshBoard(from)) {
            access.forged(from, "this message is not the chat's status board");
            return;
        }
        delivery.answerCallback(from.callbackId(), null);
    }

    /** Mute and Ack are for everyone who gets alerts, viewers included. */
    private void onAlert(Incoming.Press from, AlertPress press) {
        if (!alertCommands.shownIn(press, from)) {
            access.forged(from, "alert " + press.alertId() + " was not sent as this message");
            return;
        }
        delivery.answerCallback(from.callbackId(), null);
        String answer = Commands.guarded(() -> alertCommands.press(press, from));
        if (answer != null) {
            delivery.reply(from.replyTo(), answer);
        }
    }

    private void onChart(Incoming.Press from, Buttons.Press press, Role role) {
        Optional<MonitorView> monitor = monitors.find(press.monitorId())
                .filter(m -> monitors.showsIn(m.id(), from.chatId(), from.messageId()));
        if (monitor.isEmpty()) {
            access.forged(from, "monitor " + press.monitorId() + " has no chart as this message");
            return;
        }
        Role needed = press.action() == Buttons.Action.STATUS ? Role.VIEWER : Role.OPERATOR;
        if (!role.allows(needed)) {
            access.tooLow(from, Access.button(from), role, needed);
            delivery.answerCallback(from.callbackId(), ChatTexts.needs(press.action().label(), needed, role));
            return;
        }
        delivery.answerCallback(from.callbackId(), null);
        delivery.reply(from.replyTo(), Commands.guarded(() -> act(press.action(), monitor.get(), from)));
    }

    /** A view is this chat's choice of what its chart message shows: every role may make it. */
    private void onView(Incoming.Press from, Buttons.ViewPress press) {
        if (monitors.changeView(press.monitorId(), from.chatId(), from.messageId(), press.button()).isEmpty()) {
            access.forged(from, "monitor " + press.monitorId() + " has no chart as this message");
            return;
        }
        delivery.answerCallback(from.callbackId(), null);
    }

    private String act(Buttons.Action action, MonitorView monitor, Incoming.Press from) {
        return switch (action) {
            case START -> MonitorTexts.started(monitors.start(monitor.topic(), from.chatId(), from.thread()), monitor);
            case STOP -> MonitorTexts.stopped(monitors.stop(monitor.topic()));
            case STATUS -> monitors.status(monitor.topic()).html();
        };
    }
}
