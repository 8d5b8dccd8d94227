package org.iterwatch.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the bot. Strangers are told their own id, so they can ask an admin, at most once a
 * day, and nothing else.
 */
final class Access {
    private static final Duration REFUSAL_INTERVAL = Duration.ofDays(1);
    private final Set<Long> admins;
    private final Clock clock;
    private final Map<Long, Instant> refused = new ConcurrentHashMap<>();

    Access(Set<Long> admins, Clock clock) {
        this.admins = Set.copyOf(admins);
        this.clock = clock;
    }

    boolean allowed(long userId) {
        return admins.contains(userId);
    }

    /** True when this stranger has not been told their id within the last day. */
    boolean shouldTellStranger(long userId) {
        Instant now = clock.instant();
        Instant last = refused.get(userId);
        if (last != null && last.plus(REFUSAL_INTERVAL).isAfter(now)) {
            return false;
        }
        refused.put(userId, now);
        return true;
    }

    static String refusal(long userId) {
        return "This is a private bot. Your Telegram id is <code>" + userId
                + "</code>: send it to an admin of this bot if you need access.";
    }
}
