package org.iterwatch.bot.chat;

/** "1 point", "2 points": counts in what the bot says. */
final class Plural {
    private Plural() {
    }

    /** The count and the noun, with an s unless the count is one. */
    static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
