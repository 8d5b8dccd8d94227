package org.iterwatch.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.iterwatch.config.Fence;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pending alerts from the database, oldest first, one at a time per chat so each chat gets
 * them in order; a chat that cannot take its alert now is retried later without holding up the others.
 * Different chats' alerts are handed to the sender side by side (a few at a time), so a fan-out runs at
 * the rate limit rather than at one round trip per chat. Pacing and retrying are the sender's (the
 * delivery engine's) alone: the outbox hands an alert over and records the outcome it is told. A delivery is marked sent only after Telegram took
 * it, and a chat's next alert goes only after that mark is written, so a crash repeats at most the one
 * alert per chat that was in flight, and loses none. When the mark cannot be written (a full disk), it is
 * kept and written later; the alert is not sent again meanwhile.
 */
final class Outbox implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 2000;
    /** Sends waiting for Telegram at once; enough to hide a round trip behind the pacing, one per chat. */
    private static final int IN_FLIGHT = 8;
    private static final Duration NEXT_ROUND = Duration.ofSeconds(1);
    private static final Duration FAILURE_LOG_PERIOD = Duration.ofMinutes(1);

    private final AlertStore store;
    /** Checked before each claim: an instance that lost the active role (paused past its lease) hands out nothing. */
    private final Fence fence;
    private final ChatSender sender;
    private final Clock clock;
    private final Object signal = new Object();
    /** Deliveries handed to a sender and not yet recorded; only the outbox thread reads or changes it. */
    private final Set<Key> inFlight = new HashSet<>();
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    /** Finished sends whose outcome is not yet written; their keys stay in flight until it is. Outbox thread only. */
    private final Deque<Done> unrecorded = new ArrayDeque<>();
    /** When a failed round was last logged (nanoTime): an outage of the database is logged once a minute, not every second. */
    private long failureLogged = System.nanoTime() - FAILURE_LOG_PERIOD.toNanos();
    /** A failure was logged and no round has worked since. */
    private boolean failureUnresolved;
    private ExecutorService senders;
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    private record Key(long alertId, long chatId) {
    }

    private record Done(AlertStore.Pending pending, ChatSender.Result result) {
    }

    Outbox(AlertStore store, ChatSender sender, Clock clock, Fence fence) {
        this.fence = fence;
        this.store = store;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public void start(Threads threads) {
        store.retryAllNow(clock.millis());
        running = true;
        senders = threads.pool("alert-send", IN_FLIGHT);
        thread = threads.start("alert-outbox", this::run);
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void stop() {
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
                if (failureUnresolved) {
                    failureUnresolved = false;
                    LOG.info("alert delivery works again");
                }
                sleep(wait);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                if (now - failureLogged >= FAILURE_LOG_PERIOD.toNanos()) {
                    failureLogged = now;
                    failureUnresolved = true;
                    LOG.warn("alert delivery round failed, trying again every second: {}", e.toString());
                }
                sleep(1000);
            }
        }
        // Sends already handed over finish and are recorded, so a clean stop repeats nothing.
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
            record();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("recording the last {} alert deliveries failed; they will be sent again: {}", unrecorded.size(),
                    e.toString());
        }
    }

    /** Hands every chat's due head of line to a sender once; returns how long to wait before the next round. */
    private long deliverDue() {
        synchronized (signal) {
            woken = false;
        }
        record();
        if (!fence.holds()) {
            return NEXT_ROUND.toMillis();
        }
        List<AlertStore.Pending> heads = store.heads(BATCH);
        long now = clock.millis();
        long wait = 1000;
        boolean sentSome = false;
        for (AlertStore.Pending p : heads) {
            if (!running) {
                return 0;
            }
            if (inFlight.contains(key(p))) {
                continue;
            }
            if (p.nextAttempt() > now) {
                wait = Math.min(wait, p.nextAttempt() - now);
                continue;
            }
            while (inFlight.size() >= IN_FLIGHT && running) {
                awaitDone();
            }
            if (!fence.holds()) {
                return NEXT_ROUND.toMillis();
            }
            send(p);
            sentSome = true;
            now = clock.millis();
        }
        return sentSome ? 0 : Math.max(wait, 1);
    }

    private void send(AlertStore.Pending p) {
        inFlight.add(key(p));
        senders.execute(() -> {
            String html = p.ackedBy() == null ? p.html() : AlertText.acknowledged(p.html(), p.ackedBy());
            ChatSender.Result result;
            try {
                // News has nothing to acknowledge: no buttons under it.
                List<ChatSender.Button> buttons = p.loud() ? AlertPress.buttons(p.alertId(), p.ackedBy() != null) : List.of();
                result = sender.send(p.chatId(), p.threadId(), html, buttons,
                        new ChatSender.How(p.quiet().silent(p.loud()), p.topic()));
            } catch (RuntimeException e) {
                result = new ChatSender.Result.RetryLater(Duration.ZERO, e.toString());
            }
            done.add(new Done(p, result));
            wake();
        });
    }

    /** Waits for one send to finish and records what came of the finished ones. */
    private void awaitDone() {
        try {
            Done first = done.poll(100, TimeUnit.MILLISECONDS);
            if (first != null) {
                unrecorded.add(first);
            }
            record();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Writes down the outcome of every finished send, oldest first; only then may that chat's next alert
     * go. When the database fails, the rest wait (still in flight, so not sent again) for the next round.
     */
    private void record() {
        done.drainTo(unrecorded);
        while (!unrecorded.isEmpty()) {
            Done d = unrecorded.peek();
            record(d);
            unrecorded.remove();
            inFlight.remove(key(d.pending()));
        }
    }

    private void record(Done d) {
        AlertStore.Pending p = d.pending();
        if (d.result() instanceof ChatSender.Result.Sent sent) {
            store.sent(p.alertId(), p.chatId(), sent.chatId() == 0 ? p.chatId() : sent.chatId(), sent.messageId());
        } else if (d.result() instanceof ChatSender.Result.Refused refused) {
            store.refused(p.alertId(), p.chatId());
            LOG.warn("alert {} not delivered to chat {}: {}", p.alertId(), p.chatId(), refused.reason());
        } else if (d.result() instanceof ChatSender.Result.RetryLater later) {
            // The sender's engine retries outages and 429s itself: "later" only comes back when it stopped
            // or broke, so the alert simply waits for the next round (or the next active instance).
            Duration after = later.after().compareTo(NEXT_ROUND) > 0 ? later.after() : NEXT_ROUND;
            store.retryAt(p.alertId(), p.chatId(), clock.millis() + after.toMillis());
            LOG.info("alert {} to chat {} waits {} s: {}", p.alertId(), p.chatId(), after.toSeconds(), later.reason());
        }
    }

    private static Key key(AlertStore.Pending p) {
        return new Key(p.alertId(), p.chatId());
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
}
