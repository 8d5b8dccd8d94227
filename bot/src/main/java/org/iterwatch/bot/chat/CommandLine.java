package org.iterwatch.bot.chat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "/name@bot argument": the command and the rest of the line, or nothing if the text is no command. */
public record CommandLine(String name, String argument) {
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?",
            Pattern.DOTALL);

    static Optional<CommandLine> parse(String text, String botUsername) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = COMMAND.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        // In groups "/status@other_bot" is meant for another bot.
        if (m.group(2) != null && !m.group(2).equalsIgnoreCase(botUsername)) {
            return Optional.empty();
        }
        return Optional.of(new CommandLine(m.group(1), m.group(3) == null ? "" : m.group(3).strip()));
    }
}
