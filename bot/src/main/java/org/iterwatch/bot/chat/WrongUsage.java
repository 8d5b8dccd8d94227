package org.iterwatch.bot.chat;

import org.iterwatch.config.IterwatchException;

/**
 * A command given an argument it cannot use. The dispatch answers with the command's usage from
 * {@link CommandTable}, so each usage is written once, in the table.
 *
 * @param before HTML said before the usage (e.g. what the chat follows now), or empty
 * @param after  HTML said right after it (e.g. examples), or empty
 */
public final class WrongUsage extends IterwatchException {
    private final String before;
    private final String after;

    WrongUsage() {
        this("", "");
    }

    WrongUsage(String before, String after) {
        super("wrong usage");
        this.before = before;
        this.after = after;
    }

    String before() {
        return before;
    }

    String after() {
        return after;
    }

    /** Refuses an empty argument. */
    static String required(String argument) {
        if (argument.isEmpty()) {
            throw new WrongUsage();
        }
        return argument;
    }
}
