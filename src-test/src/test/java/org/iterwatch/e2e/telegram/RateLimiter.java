package org.iterwatch.e2e.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telegram's flood limits as sliding windows: messages overall per second, per chat per second, per group per
 * minute. A request over a limit is refused with 429 and the seconds until the window frees.
 */
final class RateLimiter {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Window overall = new Window();
    private final Map<Long, Window> perChat = new HashMap<>();
    private final Map<Long, Window> perGroup = new HashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private Limits limits;

    private record Limits(int overallPerSecond, int chatPerSecond, int groupPerMinute) {
    }

    synchronized void enforce(int overallPerSecond, int chatPerSecond, int groupPerMinute) {
        limits = new Limits(overallPerSecond, chatPerSecond, groupPerMinute);
    }

    synchronized void disable() {
        limits = null;
    }

    int refusedCount() {
        return refused.get();
    }

    /** Counts a message to {@code chat}; empty when allowed, else the 429 to answer. */
    synchronized Optional<TelegramError> admit(ChatInfo chat) {
        if (limits == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Window chatWindow = perChat.computeIfAbsent(chat.id(), id -> new Window());
        Window groupWindow = chat.isGroup() ? perGroup.computeIfAbsent(chat.id(), id -> new Window()) : null;
        long waitNanos = Math.max(overall.waitNanos(now, SECOND, limits.overallPerSecond),
                chatWindow.waitNanos(now, SECOND, limits.chatPerSecond));
        if (groupWindow != null) {
            waitNanos = Math.max(waitNanos, groupWindow.waitNanos(now, MINUTE, limits.groupPerMinute));
        }
        if (waitNanos > 0) {
            refused.incrementAndGet();
            int seconds = (int) Math.max(1, (waitNanos + SECOND - 1) / SECOND);
            return Optional.of(TelegramError.tooManyRequests(seconds));
        }
        overall.add(now);
        chatWindow.add(now);
        if (groupWindow != null) {
            groupWindow.add(now);
        }
        return Optional.empty();
    }

    private static final class Window {
        private final Deque<Long> times = new ArrayDeque<>();

        /** Nanoseconds until one more event fits, 0 when it fits now. */
        long waitNanos(long now, long span, int max) {
            while (!times.isEmpty() && times.peekFirst() <= now - span) {
                times.pollFirst();
            }
            if (max <= 0 || times.size() < max) {
                return 0;
            }
            return times.peekFirst() + span - now;
        }

        void add(long now) {
            times.addLast(now);
        }
    }
}
