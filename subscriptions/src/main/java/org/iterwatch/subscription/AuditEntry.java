package org.iterwatch.subscription;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the audit trail: a change of people, or an attempt that was refused. Strangers choose
 * what they send, so action and detail are cut to size and anything shaped like a secret is masked.
 *
 * @param chatId the chat it came from, or null
 */
public record AuditEntry(Instant at, long userId, Long chatId, String action, Outcome outcome, String detail) {
    public enum Outcome {
        /** A person was allowed, denied or given another role. */
        CHANGED,
        /** Refused: a stranger, or a role too low. */
        REFUSED,
        /** Refused, and the stranger was told their own id (at most once a day). */
        TOLD_ID,
        /** Left unanswered: a group that is not in telegram.groups. */
        IGNORED,
        /** Button data that no button of ours carries there: forged, garbled or outdated. */
        FORGED
    }

    static final int ACTION_MAX = 120;
    static final int DETAIL_MAX = 500;
    private static final Pattern BOT_TOKEN = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{20,}");
    private static final Pattern LONG_WORD = Pattern.compile("[A-Za-z0-9_-]{16,}");

    public AuditEntry {
        action = clean(action, ACTION_MAX);
        detail = detail == null ? null : clean(detail, DETAIL_MAX);
    }

    static String clean(String text, int max) {
        String flat = (text == null ? "" : text).replaceAll("\\p{Cntrl}", " ");
        String masked = BOT_TOKEN.matcher(flat).replaceAll("<token>");
        // API tokens have no fixed shape; a long run of letters mixed with digits is treated as one.
        masked = LONG_WORD.matcher(masked).replaceAll(m -> looksRandom(m.group()) ? "<secret>" : Matcher.quoteReplacement(m.group()));
        return masked.length() <= max ? masked : masked.substring(0, max - 1) + "\u2026";
    }

    private static boolean looksRandom(String word) {
        return word.chars().anyMatch(Character::isDigit) && word.chars().anyMatch(Character::isLetter);
    }
}
