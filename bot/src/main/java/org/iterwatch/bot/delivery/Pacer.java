package org.iterwatch.bot.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.iterwatch.config.Delivery;

/**
 * When the next request may go: overall, per chat, after a 429. Times are nanoseconds of a clock
 * the caller reads, so the rules are testable without sleeping. Not thread-safe: the engine holds
 * its lock while asking.
 */
public final class Pacer {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Requests leave a little slower than the limit: the network may bunch their arrival. */
    private static final double OVERALL_MARGIN = 1.1;
    /** This many chats refused within the window means the bot as a whole is too fast. */
    private static final int CHATS_FOR_GLOBAL_PAUSE = 3;
    private static final long WINDOW = 30 * SECOND;
    /**
     * The share of the overall rate kept for replies (command answers, a Status button's detail): while alerts
     * fan out to many chats, a reply to another chat overtakes them as long as this budget lasts, so an
     * operator's /status is not answered after the whole fan-out. Alerts keep the rest, and all of it when
     * nobody asks anything.
     */
    static final double REPLY_SHARE = 0.15;
    /** Replies that may overtake at once before the budget refills (a few people asking together). */
    private static final double REPLY_BURST = 3;

    private final long overallGap;
    private final long privateGap;
    private final long groupGap;
    private final Map<Long, Long> chatReady = new HashMap<>();
    private final Deque<RateLimit> recentLimits = new ArrayDeque<>();
    private final double replyCreditPerNano;
    private long overallReady;
    private long globalQuietUntil;
    private double replyCredit = REPLY_BURST;
    private long replyCreditAt;

    private record RateLimit(long at, long chatId) {
    }

    public Pacer(Delivery limits) {
        this.overallGap = (long) (SECOND * OVERALL_MARGIN / limits.overallPerSecond());
        this.privateGap = SECOND / limits.privateChatPerSecond();
        this.groupGap = 60 * SECOND / limits.groupPerMinute();
        this.replyCreditPerNano = REPLY_SHARE * limits.overallPerSecond() / OVERALL_MARGIN / SECOND;
    }

    /** Whether a reply may go before alerts of other chats that are ready too (the reserved share is not used up). */
    boolean replyMayOvertake(long now) {
        refillReplies(now);
        return replyCredit >= 1;
    }

    /** A reply went before a waiting alert: it counts against the reserved share. */
    void replyOvertook(long now) {
        refillReplies(now);
        replyCredit -= 1;
    }

    private void refillReplies(long now) {
        replyCredit = Math.min(REPLY_BURST, replyCredit + Math.max(0, now - replyCreditAt) * replyCreditPerNano);
        replyCreditAt = Math.max(replyCreditAt, now);
    }

    static boolean isGroup(long chatId) {
        return chatId < 0;
    }

    /** The earliest time a request to this chat may start. */
    long chatReadyAt(long chatId) {
        return Math.max(chatReady.getOrDefault(chatId, 0L), globalQuietUntil);
    }

    /** The earliest time any request may start. */
    long overallReadyAt() {
        return Math.max(overallReady, globalQuietUntil);
    }

    void started(long now) {
        overallReady = now + overallGap;
    }

    /** Counted from the answer, so the next request cannot reach Telegram within the chat's gap. */
    void finished(long chatId, long now) {
        later(chatId, now + (isGroup(chatId) ? Math.max(groupGap, privateGap) : privateGap));
    }

    /** A 429 for this chat: nothing goes there before retry_after; several chats at once pause everyone. */
    void rateLimited(long chatId, int retryAfterSeconds, long now) {
        long until = now + Math.max(1, retryAfterSeconds) * SECOND;
        later(chatId, until);
        recentLimits.addLast(new RateLimit(now, chatId));
        while (!recentLimits.isEmpty() && recentLimits.peekFirst().at() < now - WINDOW) {
            recentLimits.pollFirst();
        }
        Set<Long> chats = new HashSet<>();
        recentLimits.forEach(r -> chats.add(r.chatId()));
        if (chats.size() >= CHATS_FOR_GLOBAL_PAUSE) {
            globalQuietUntil = Math.max(globalQuietUntil, until);
        }
    }

    /** Waits out a transient failure of this chat's request. */
    void backOff(long chatId, long delayNanos, long now) {
        later(chatId, now + delayNanos);
    }

    void forget(long chatId) {
        chatReady.remove(chatId);
    }

    private void later(long chatId, long at) {
        chatReady.merge(chatId, at, Math::max);
    }
}
