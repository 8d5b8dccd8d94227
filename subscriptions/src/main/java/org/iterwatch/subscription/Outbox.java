package org.iterwatch.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pending alerts from the database, oldest first, one at a time per chat so each chat gets
 * them in order; a chat that cannot take its alert now is retried later without holding up the others.
 * A delivery is marked sent only after Telegram took it, so a crash can repeat, never lose, the last one.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 2000;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final AlertStore store;
    private final ChatSender sender;
    private final Clock clock;
    private final long spacingNanos;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private long nextSlot;

    Outbox(AlertStore store, ChatSender sender, Clock clock, int sendsPerSecond) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.spacingNanos = TimeUnit.SECONDS.toNanos(1) / sendsPerSecond;
    }

    void start() {
        store.retryAllNow(clock.millis());
        running = true;
        thread = new Thread(this::run, "alert-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                long wait = deliverDue();
                sleep(wait);
            } catch (RuntimeException e) {
                LOG.warn("alert delivery round failed, trying again: {}", e.toString());
                sleep(1000);
            }
        }
    }

    /** Sends every chat's due head of line once; returns how long to wait before the next round. */
    private long deliverDue() {
        synchronized (signal) {
            woken = false;
        }
        List<AlertStore.Pending> heads = store.heads(BATCH);
        long now = clock.millis();
        long wait = 1000;
        boolean sentSome = false;
        for (AlertStore.Pending p : heads) {
            if (!running) {
                return 0;
            }
            if (p.nextAttempt() > now) {
                wait = Math.min(wait, p.nextAttempt() - now);
                continue;
            }
            pace();
            deliver(p);
            sentSome = true;
            now = clock.millis();
        }
        return sentSome ? 0 : Math.max(wait, 1);
    }

    private void deliver(AlertStore.Pending p) {
        String html = p.ackedBy() == null ? p.html() : AlertText.acknowledged(p.html(), p.ackedBy());
        ChatSender.Result result;
        try {
            result = sender.send(p.chatId(), p.threadId(), html, AlertPress.buttons(p.alertId(), p.ackedBy() != null));
        } catch (RuntimeException e) {
            result = new ChatSender.Result.RetryLater(Duration.ZERO, e.toString());
        }
        if (result instanceof ChatSender.Result.Sent sent) {
            store.sent(p.alertId(), p.chatId(), sent.messageId());
        } else if (result instanceof ChatSender.Result.Refused refused) {
            LOG.warn("alert {} not delivered to chat {}: {}", p.alertId(), p.chatId(), refused.reason());
            store.refused(p.alertId(), p.chatId());
        } else if (result instanceof ChatSender.Result.RetryLater later) {
            Duration backoff = Duration.ofSeconds(1L << Math.min(p.attempts(), 6));
            Duration after = later.after().compareTo(backoff) > 0 ? later.after() : backoff;
            after = after.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : after;
            LOG.info("alert {} to chat {} waits {} s: {}", p.alertId(), p.chatId(), after.toSeconds(), later.reason());
            store.retryAt(p.alertId(), p.chatId(), clock.millis() + after.toMillis());
        }
    }

    /** Keeps the overall send rate under Telegram's limit, so fan-out does not run into 429s. */
    private void pace() {
        long now = System.nanoTime();
        if (nextSlot > now) {
            sleepNanos(nextSlot - now);
            now = nextSlot;
        }
        nextSlot = Math.max(now, nextSlot) + spacingNanos;
    }

    private void sleep(long millis) {
        synchronized (signal) {
            if (woken || !running || millis <= 0) {
                return;
            }
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
