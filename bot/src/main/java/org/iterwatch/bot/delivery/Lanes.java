package org.iterwatch.bot.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.iterwatch.bot.delivery.Lane.Queued;

/**
 * The waiting jobs of all chats, one {@link Lane} each, and the choice of which job goes next. The lanes and
 * the {@link Pacer} (not thread-safe) share one lock, so a choice always sees the pacing of the moment; a job
 * that is chosen is handed over while the lock is still held, so stopping cannot slip in between.
 */
final class Lanes {
    /** Takes a chosen job; called under the lock, so it must only hand the job to a pool. */
    interface Dispatch {
        /** @param prepareOnly the job is not {@link Job#ready()}: prepare it, then hand it back ({@link #prepared}) */
        void send(long chat, Lane lane, Queued next, boolean prepareOnly);
    }

    private final Pacer pacer;
    private final DeliveryMetrics metrics;
    private final long origin = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, Lane> lanes = new HashMap<>();
    private long seq;
    private volatile boolean open;

    Lanes(Pacer pacer, DeliveryMetrics metrics) {
        this.pacer = pacer;
        this.metrics = metrics;
    }

    /** A new job goes behind what already waits for the chat at its priority. */
    void add(long chat, Job job) {
        locked(() -> {
            lanes.computeIfAbsent(chat, c -> new Lane()).add(new Queued(seq++, job, 0));
            metrics.queued(job.priority(), 1);
            changed.signalAll();
        });
    }

    void open() {
        open = true;
    }

    /** Ends {@link #dispatch}; it leaves once it gives up the lock. */
    void close() {
        open = false;
        locked(changed::signalAll);
    }

    /**
     * Runs until {@link #close()}: waits until the pacer lets a request go and some chat with nothing in flight
     * has a job, then hands over the best of them (priority first, then arrival) and marks its lane busy.
     */
    void dispatch(Dispatch dispatch) {
        lock.lock();
        try {
            while (open) {
                long now = now();
                long overall = pacer.overallReadyAt();
                if (overall > now) {
                    changed.awaitNanos(overall - now);
                    continue;
                }
                long wake = Long.MAX_VALUE;
                Long bestChat = null;
                Queued best = null;
                boolean repliesFirst = pacer.replyMayOvertake(now);
                boolean alertReady = false;
                for (Map.Entry<Long, Lane> e : lanes.entrySet()) {
                    Queued head = e.getValue().busy() ? null : e.getValue().peek();
                    if (head == null) {
                        continue;
                    }
                    long ready = pacer.chatReadyAt(e.getKey());
                    if (ready > now) {
                        wake = Math.min(wake, ready);
                        continue;
                    }
                    alertReady |= head.job().priority() == Priority.ALERT;
                    if (best == null || before(head, best, repliesFirst)) {
                        best = head;
                        bestChat = e.getKey();
                    }
                }
                if (best == null) {
                    if (wake == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(wake - now);
                    }
                    continue;
                }
                long chat = bestChat;
                Lane lane = lanes.get(chat);
                Queued next = lane.poll();
                if (alertReady && next.job().priority() == Priority.REPLY) {
                    pacer.replyOvertook(now);
                }
                metrics.queued(next.job().priority(), -1);
                lane.busy(true);
                // Preparing makes no request: only the request that follows takes a place in the pacing.
                boolean prepareOnly = !next.job().ready();
                if (!prepareOnly) {
                    pacer.started(now);
                }
                dispatch.send(chat, lane, next, prepareOnly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Priority first, then arrival; a reply goes before alerts while the pacer's reserve for replies lasts. Only
     * across chats: within one chat's lane the order stays alerts, replies, charts.
     */
    private static boolean before(Queued a, Queued b, boolean repliesFirst) {
        int byPriority = Integer.compare(rank(a, repliesFirst), rank(b, repliesFirst));
        return byPriority < 0 || byPriority == 0 && a.seq() < b.seq();
    }

    private static int rank(Queued q, boolean repliesFirst) {
        Priority p = q.job().priority();
        return repliesFirst && p == Priority.REPLY ? -1 : p.ordinal();
    }

    /** The chat's request came back: its next one may follow after the chat's gap; an emptied lane goes. */
    void finished(long chat, Lane lane) {
        locked(() -> {
            lane.busy(false);
            pacer.finished(chat, now());
            if (lane.isEmpty() && lanes.get(chat) == lane) {
                lanes.remove(chat);
            }
            changed.signalAll();
        });
    }

    /**
     * A job came back prepared: it goes first again, at once, for its paced request; to {@code currentChat} when
     * its chat became a supergroup meanwhile ({@link #move} did not see it: it was out of the lane).
     */
    void prepared(long chat, long currentChat, Lane lane, Queued queued) {
        locked(() -> {
            lane.busy(false);
            if (currentChat != chat && lane.isEmpty() && lanes.get(chat) == lane) {
                lanes.remove(chat);
            }
            requeue(currentChat, queued);
            changed.signalAll();
        });
    }

    /** Telegram's 429: the job goes first again once the chat may be written to. */
    void rateLimited(long chat, int retryAfterSeconds, Queued queued) {
        locked(() -> {
            pacer.rateLimited(chat, retryAfterSeconds, now());
            requeue(chat, queued);
        });
    }

    /** A transient failure: the job (with its attempts counted) goes first again after the backoff. */
    void backOff(long chat, long delayNanos, Queued queued) {
        locked(() -> {
            pacer.backOff(chat, delayNanos, now());
            requeue(chat, queued);
        });
    }

    /** The job runs again before anything else of its priority for the chat. */
    void retry(long chat, Queued queued) {
        locked(() -> requeue(chat, queued));
    }

    /** Everything that waits for one chat, taken out. */
    List<Queued> drain(long chat) {
        return lockedValue(() -> {
            Lane lane = lanes.get(chat);
            return lane == null ? List.<Queued>of() : lane.drain();
        });
    }

    /** Everything that waits, taken out; the lanes are empty afterwards. */
    List<Queued> drainAll() {
        return lockedValue(() -> {
            List<Queued> all = new ArrayList<>();
            lanes.values().forEach(lane -> all.addAll(lane.drain()));
            lanes.clear();
            return all;
        });
    }

    /** A group became a supergroup: what waits for it, and the refused job first, goes to the new chat. */
    void move(long chat, long newChat, Queued refused) {
        locked(() -> {
            Lane old = lanes.remove(chat);
            Lane moved = lanes.computeIfAbsent(newChat, c -> new Lane());
            if (old != null) {
                old.drain().forEach(q -> {
                    q.job().chatMoved(newChat);
                    moved.add(q);
                });
            }
            refused.job().chatMoved(newChat);
            moved.addFirst(refused);
            metrics.queued(refused.job().priority(), 1);
            changed.signalAll();
        });
    }

    private void requeue(long chat, Queued queued) {
        lanes.computeIfAbsent(chat, c -> new Lane()).addFirst(queued);
        metrics.queued(queued.job().priority(), 1);
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T lockedValue(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
