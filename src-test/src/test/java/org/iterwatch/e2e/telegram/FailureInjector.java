package org.iterwatch.e2e.telegram;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Scheduled failures: the next N calls of a method (optionally to one chat) answer a given error. */
final class FailureInjector {
    /** Matches every method. */
    static final String ANY_METHOD = "*";

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(String method, OptionalLong chatId, TelegramError error, int times) {
        if (times <= 0) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        rules.add(new Rule(method, chatId, error, times));
    }

    /** Consumes one shot of the first matching rule. */
    synchronized Optional<TelegramError> take(String method, OptionalLong chatId) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.matches(method, chatId)) {
                rule.remaining--;
                if (rule.remaining == 0) {
                    it.remove();
                }
                return Optional.of(rule.error);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        rules.clear();
    }

    private static final class Rule {
        private final String method;
        private final OptionalLong chatId;
        private final TelegramError error;
        private int remaining;

        Rule(String method, OptionalLong chatId, TelegramError error, int remaining) {
            this.method = method;
            this.chatId = chatId;
            this.error = error;
            this.remaining = remaining;
        }

        boolean matches(String calledMethod, OptionalLong calledChat) {
            boolean methodMatches = method.equals(ANY_METHOD) || method.equalsIgnoreCase(calledMethod);
            return methodMatches && (chatId.isEmpty() || chatId.equals(calledChat));
        }
    }
}
