package org.iterwatch.bot.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.iterwatch.bot.delivery.Lane.Queued;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything iterwatch sends to Telegram goes through here: one queue, alerts before replies before
 * chart edits before answers to strangers, paced to stay inside Telegram's limits, each Telegram
 * error handled as it deserves. Callback-query answers skip the queue: Telegram wants them at once.
 */
public final class Delivery implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final long FIRST_BACKOFF = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(8);

    private final TelegramGateway api;
    private final Pacer pacer;
    private final ChatBook chats;
    private final List<Long> admins;
    private final DeliveryMetrics metrics;
    private final long origin = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, Lane> lanes = new HashMap<>();
    private ExecutorService workers;
    private ExecutorService immediate;
    private volatile ChatMoves moves = (from, to) -> { };
    private long seq;
    private volatile boolean running;
    private Thread dispatcher;

    public Delivery(TelegramGateway api, Pacer pacer, ChatBook chats, List<Long> admins, DeliveryMetrics metrics) {
        this.api = api;
        this.pacer = pacer;
        this.chats = chats;
        this.admins = List.copyOf(admins);
        this.metrics = metrics;
    }

    /** Who else must follow a chat that moved (monitors, pinned messages); set once while wiring. */
    public void onChatMoved(ChatMoves moves) {
        this.moves = moves;
    }

    public void reply(ChatTarget to, String html) {
        submit(CallJob.text(Priority.REPLY, to, html, null));
    }

    /** Goes out only when nothing for the bot's users is ready to go (see {@link Priority#STRANGER}). */
    public void replyToStranger(ChatTarget to, String html) {
        submit(CallJob.text(Priority.STRANGER, to, html, null));
    }

    void alert(ChatTarget to, String html, Keyboard keyboard) {
        submit(CallJob.text(Priority.ALERT, to, html, keyboard));
    }

    /**
     * Any call to a chat, queued and paced like the rest; the future fails when it is given up. The call
     * gets the chat as it is when it runs: a group that became a supergroup meanwhile is its new id.
     */
    public <T> CompletableFuture<T> call(Priority priority, ChatTarget to, String kind, Function<ChatTarget, T> call) {
        CallJob<T> job = new CallJob<>(priority, to, kind, (a, chat) -> call.apply(chat));
        submit(job);
        return job.result();
    }

    /** Answered at once, outside the queue, so the button stops spinning before any slow work. */
    public void answerCallback(String callbackId, String text) {
        immediate.execute(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    api.answerCallback(callbackId, text);
                    return;
                } catch (TelegramFailure e) {
                    if (e.kind() != TelegramFailure.Kind.TRANSIENT || attempt == 3) {
                        LOG.warn("callback query not answered: {}", e.getMessage());
                        return;
                    }
                    sleepQuietly(200L * attempt);
                }
            }
        });
    }

    public void submit(Job job) {
        long chat = chats.current(job.target().chatId());
        if (chats.inactive(chat)) {
            metrics.dropped.incrementAndGet();
            job.dropped(null);
            return;
        }
        locked(() -> {
            lanes.computeIfAbsent(chat, c -> new Lane()).add(new Queued(seq++, job, 0));
            metrics.queued(job.priority(), 1);
            changed.signalAll();
        });
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    @Override
    public void start(Threads threads) {
        running = true;
        workers = threads.pool("telegram-send", 8);
        immediate = threads.pool("telegram-answer", 2);
        dispatcher = threads.start("telegram-delivery", this::dispatchLoop);
    }

    @Override
    public void stop() {
        running = false;
        locked(changed::signalAll);
        workers.shutdown();
        immediate.shutdown();
        try {
            dispatcher.join(5_000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        giveBackWaiting();
    }

    /**
     * What still waits is handed back as "try again", not sent: a caller waiting for its result (the alert
     * outbox) must not wait forever, and keeps the alert for the next start or the next active instance.
     */
    private void giveBackWaiting() {
        TelegramFailure stopping = new TelegramFailure(TelegramFailure.Kind.TRANSIENT, "the delivery engine stopped", 0, 0,
                null);
        List<Queued> waiting = lockedValue(() -> {
            List<Queued> all = new java.util.ArrayList<>();
            lanes.values().forEach(lane -> all.addAll(lane.drain()));
            lanes.clear();
            return all;
        });
        waiting.forEach(q -> {
            metrics.queued(q.job().priority(), -1);
            q.job().dropped(stopping);
        });
    }

    @Override
    public String toString() {
        return "Telegram delivery";
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private void dispatchLoop() {
        lock.lock();
        try {
            while (running) {
                long now = now();
                long overall = pacer.overallReadyAt();
                if (overall > now) {
                    changed.awaitNanos(overall - now);
                    continue;
                }
                long wake = Long.MAX_VALUE;
                Long bestChat = null;
                Queued best = null;
                for (Map.Entry<Long, Lane> e : lanes.entrySet()) {
                    Queued head = e.getValue().busy() ? null : e.getValue().peek();
                    if (head == null) {
                        continue;
                    }
                    long ready = pacer.chatReadyAt(e.getKey());
                    if (ready > now) {
                        wake = Math.min(wake, ready);
                    } else if (best == null || before(head, best)) {
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
                metrics.queued(next.job().priority(), -1);
                lane.busy(true);
                pacer.started(now);
                workers.execute(() -> execute(chat, lane, next));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static boolean before(Queued a, Queued b) {
        int byPriority = a.job().priority().compareTo(b.job().priority());
        return byPriority < 0 || byPriority == 0 && a.seq() < b.seq();
    }

    private void execute(long chat, Lane lane, Queued queued) {
        Job job = queued.job();
        try {
            job.run(api, new ChatTarget(chat, job.target().threadId()));
            metrics.sent.incrementAndGet();
        } catch (TelegramFailure failure) {
            handle(chat, queued, failure);
        } catch (RuntimeException e) {
            LOG.error("a {} to chat {} failed", job.kind(), chat, e);
            drop(job, null);
        } finally {
            locked(() -> {
                lane.busy(false);
                pacer.finished(chat, now());
                if (lane.isEmpty() && lanes.get(chat) == lane) {
                    lanes.remove(chat);
                }
                changed.signalAll();
            });
        }
    }

    private void handle(long chat, Queued queued, TelegramFailure failure) {
        Job job = queued.job();
        switch (failure.kind()) {
            case NOT_MODIFIED -> {
                metrics.sent.incrementAndGet();
                job.alreadyDone();
            }
            case RATE_LIMITED -> {
                metrics.rateLimited.incrementAndGet();
                LOG.warn("Telegram asks to wait {} s before the next message to chat {}", failure.retryAfterSeconds(), chat);
                locked(() -> {
                    pacer.rateLimited(chat, failure.retryAfterSeconds(), now());
                    requeue(chat, queued);
                });
            }
            case TRANSIENT -> {
                metrics.retries.incrementAndGet();
                if (queued.attempts() == 0) {
                    LOG.warn("a {} to chat {} failed, retrying with backoff: {}", job.kind(), chat, failure.getMessage());
                }
                locked(() -> {
                    pacer.backOff(chat, backoff(queued.attempts()), now());
                    requeue(chat, new Queued(queued.seq(), job, queued.attempts() + 1));
                });
            }
            case MESSAGE_GONE -> {
                if (job.messageGone()) {
                    locked(() -> requeue(chat, queued));
                } else {
                    drop(job, failure);
                }
            }
            case FORBIDDEN -> blocked(chat, job, failure);
            case MIGRATED -> migrated(chat, failure.migratedTo(), queued);
            case BAD_REQUEST -> {
                LOG.warn("dropped a {} to chat {}: {}", job.kind(), chat, failure.getMessage());
                drop(job, failure);
            }
        }
    }

    private void requeue(long chat, Queued queued) {
        lanes.computeIfAbsent(chat, c -> new Lane()).addFirst(queued);
        metrics.queued(queued.job().priority(), 1);
    }

    private void drop(Job job, TelegramFailure why) {
        metrics.dropped.incrementAndGet();
        job.dropped(why);
    }

    private void blocked(long chat, Job job, TelegramFailure failure) {
        boolean first = chats.markInactive(chat, failure.getMessage());
        drop(job, failure);
        List<Queued> waiting = lockedValue(() -> {
            Lane lane = lanes.get(chat);
            return lane == null ? List.<Queued>of() : lane.drain();
        });
        waiting.forEach(q -> {
            metrics.queued(q.job().priority(), -1);
            drop(q.job(), failure);
        });
        if (first) {
            LOG.warn("chat {} blocked the bot or removed it; nothing more is sent there ({})", chat, failure.getMessage());
            String notice = "\u26a0 Chat <code>" + chat + "</code> blocked the bot or removed it from the group, so "
                    + "iterwatch stopped sending there. It resumes when someone writes to the bot from that chat.";
            admins.stream().filter(a -> a != chat).forEach(a -> alert(new ChatTarget(a, null), notice, null));
        }
    }

    private void migrated(long chat, long newChat, Queued queued) {
        moves.moved(chat, newChat);
        if (chats.current(chat) == chat) {
            LOG.warn("a {} to chat {} was refused as moved to {}, which cannot be followed; dropped", queued.job().kind(),
                    chat, newChat);
            drop(queued.job(), null);
            return;
        }
        locked(() -> {
            Lane old = lanes.remove(chat);
            Lane moved = lanes.computeIfAbsent(newChat, c -> new Lane());
            if (old != null) {
                old.drain().forEach(q -> {
                    q.job().chatMoved(newChat);
                    moved.add(q);
                });
            }
            queued.job().chatMoved(newChat);
            moved.addFirst(queued);
            metrics.queued(queued.job().priority(), 1);
            changed.signalAll();
        });
    }

    private static long backoff(int attempts) {
        long base = Math.min(MAX_BACKOFF, FIRST_BACKOFF << Math.min(attempts, 10));
        return (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
