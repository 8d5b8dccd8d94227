package org.iterwatch.bot.chat;

import java.util.function.Function;
import org.iterwatch.subscription.Role;

/**
 * One chat command, one row of {@link CommandTable}: its name, the hint for its argument (empty when it
 * takes none), a one-line summary for the menu and /help, the least role that may give it, and what it
 * does.
 */
public record ChatCommand(String name, String hint, String summary, Role role, Action action) {
    /** Carries the command out: given the message and the rest of its line, the answer in Telegram HTML. */
    @FunctionalInterface
    interface Action {
        /** @throws WrongUsage when the argument does not fit; the answer is then the command's usage */
        String run(Incoming.Text message, String argument);

        /** The answer for someone of {@code role}; most commands answer every role alike. */
        default String run(Incoming.Text message, String argument, Role role) {
            return run(message, argument);
        }

        /** An action whose answer depends on the asker's role alone, such as /help. */
        static Action byRole(Function<Role, String> answer) {
            return new Action() {
                @Override
                public String run(Incoming.Text message, String argument) {
                    return answer.apply(Role.VIEWER);
                }

                @Override
                public String run(Incoming.Text message, String argument, Role role) {
                    return answer.apply(role);
                }
            };
        }
    }

    /** As a person types it: "/stop &lt;topic&gt;" (plain text, not HTML). */
    String usage() {
        return "/" + name + (hint.isEmpty() ? "" : " " + hint);
    }
}
