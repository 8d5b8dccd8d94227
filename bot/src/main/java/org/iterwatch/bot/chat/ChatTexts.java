package org.iterwatch.bot.chat;

import java.util.List;
import java.util.Locale;
import org.iterwatch.render.Html;
import org.iterwatch.subscription.Role;

/**
 * What the bot says about commands and access: the Telegram menu's descriptions, /help, and the
 * answers to what is not carried out (unknown command, role too low, wrong usage, strangers). Telegram
 * HTML unless a method says plain text.
 */
public final class ChatTexts {
    static final String COMMANDS_ONLY = "I understand commands only. /help lists them.";
    static final String DEAD_BUTTON = "This button no longer works.";
    static final String REMOVED_MONITOR = "This monitor was removed; /add and /start bring it back.";
    static final String FAILED = "Something went wrong on my side; the details are in iterwatch's log.";
    private static final String INTRO = "<b>iterwatch</b> draws the progress of your calculations from their Kafka "
            + "topics and keeps the chart pinned here.";
    private static final String BUTTONS = "The buttons under a chart start or stop that monitor (operators) or show "
            + "its status.";
    /** How a solver publishes, in three lines: the record's shape, a one-liner, where the rest is written. */
    private static final String PUBLISHING = "<b>How a solver publishes</b>\n"
            + "One Kafka topic per calculation; each record a JSON batch: <code>{\"iteration\": 12, \"values\": [0.1, 0.2]}</code>\n"
            + "e.g. <code>kcat -b 127.0.0.1:9092 -t airy.x0.6 -P &lt;&lt;&lt; '{\"iteration\": 1, \"values\": [0.0, 0.12]}'</code>\n"
            + "The other shapes, alerts and <code>iterwatch exec</code>: iterwatch's README.md, "
            + "section <i>How a solver publishes</i> (#how-a-solver-publishes).";

    private ChatTexts() {
    }

    static String messageTooLong(int max, int length) {
        return "A message may have at most " + max + " characters (yours has " + length + ").";
    }

    static String unknownCommand(String name, List<String> close) {
        return "Unknown command /" + Html.escape(Html.shorten(name, 40)) + "." + (close.isEmpty() ? ""
                : " Did you mean " + String.join(" or ", close.stream().map(c -> "/" + c).toList()) + "?")
                + " /help lists what I understand.";
    }

    /** Plain text: it also answers a button press, which Telegram shows without HTML. */
    static String needs(String what, Role needed, Role role) {
        return what + " needs the " + needed.label() + " role; yours is " + role.label() + ". An admin can change that.";
    }

    static String strangerRefusal(long userId) {
        return "This is a private bot. Your Telegram id is <code>" + userId
                + "</code>: send it to an admin of this bot if you need access.";
    }

    static String usage(ChatCommand command, WrongUsage wrong) {
        return (wrong.before().isEmpty() ? "" : wrong.before() + " ") + "Usage: " + Html.escape(command.usage())
                + wrong.after();
    }

    /** Plain text, as Telegram shows it in the menu: "&lt;topic&gt; — stop redrawing its chart (operators)". */
    static String menuDescription(ChatCommand command) {
        String what = command.hint().isEmpty()
                ? command.summary().substring(0, 1).toUpperCase(Locale.ROOT) + command.summary().substring(1)
                : command.hint() + " \u2014 " + command.summary();
        return what + (command.role() == Role.VIEWER ? "" : " (" + command.role().label() + "s)");
    }

    /**
     * The commands someone of {@code role} may use, grouped by the role they need; below admin, a line says that
     * other roles have more, so nobody is shown commands that would only be refused.
     */
    static String help(List<ChatCommand> commands, Role role) {
        StringBuilder out = new StringBuilder(INTRO).append("\n");
        for (Role needed : Role.values()) {
            List<ChatCommand> theirs = commands.stream().filter(c -> c.role() == needed).toList();
            if (!theirs.isEmpty()) {
                out.append("\n").append(heading(needed));
                theirs.forEach(c -> out.append("\n").append(helpLine(c)));
            }
        }
        if (role != Role.ADMIN) {
            out.append("\n").append(moreForOthers(role));
        }
        return out.append("\n").append(BUTTONS).append("\n\n").append(PUBLISHING).toString();
    }

    /** Below admin: that more exists, without listing what would only be refused. */
    static String moreForOthers(Role role) {
        return "Your role is " + role.label() + "; " + (role == Role.VIEWER ? "operators and admins" : "admins")
                + " have more commands.";
    }

    static String heading(Role role) {
        return switch (role) {
            case VIEWER -> "<b>Everyone with access</b> (viewer and up)";
            case OPERATOR -> "<b>Operators</b>";
            case ADMIN -> "<b>Admins</b>";
        };
    }

    static String helpLine(ChatCommand command) {
        return Html.escape(command.usage()) + " \u2014 " + Html.escape(command.summary());
    }
}
