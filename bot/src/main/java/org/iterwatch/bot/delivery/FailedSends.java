package org.iterwatch.bot.delivery;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.iterwatch.bot.delivery.Lane.Queued;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a refused or failed request to Telegram leads to, by the kind of failure: wait and retry (429,
 * network), send anew (message gone), follow the chat (became a supergroup), or give up (bad request, and
 * everything for a chat that blocked the bot, which the admins are told about once).
 */
final class FailedSends {
    private static final Logger LOG = LoggerFactory.getLogger(FailedSends.class);
    private static final long FIRST_BACKOFF = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(8);

    private final Lanes lanes;
    private final ChatBook chats;
    private final List<Long> admins;
    private final DeliveryMetrics metrics;
    /** The admins' notice about a blocked chat is an alert like any other, so it goes through the queue. */
    private final Consumer<Job> submit;
    private volatile ChatMoves moves = (from, to) -> { };

    FailedSends(Lanes lanes, ChatBook chats, List<Long> admins, DeliveryMetrics metrics, Consumer<Job> submit) {
        this.lanes = lanes;
        this.chats = chats;
        this.admins = List.copyOf(admins);
        this.metrics = metrics;
        this.submit = submit;
    }

    void onChatMoved(ChatMoves moves) {
        this.moves = moves;
    }

    void handle(long chat, Queued queued, TelegramFailure failure) {
        Job job = queued.job();
        switch (failure.kind()) {
            case NOT_MODIFIED -> {
                metrics.sent.incrementAndGet();
                job.alreadyDone();
            }
            case RATE_LIMITED -> {
                metrics.rateLimited.incrementAndGet();
                LOG.warn("Telegram asks to wait {} s before the next message to chat {}", failure.retryAfterSeconds(), chat);
                lanes.rateLimited(chat, failure.retryAfterSeconds(), queued);
            }
            case TRANSIENT -> {
                metrics.retries.incrementAndGet();
                if (queued.attempts() == 0) {
                    LOG.warn("a {} to chat {} failed, retrying with backoff: {}", job.kind(), chat, failure.getMessage());
                }
                lanes.backOff(chat, backoff(queued.attempts()), new Queued(queued.seq(), job, queued.attempts() + 1));
            }
            case MESSAGE_GONE -> {
                if (job.messageGone()) {
                    lanes.retry(chat, queued);
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

    /** A bug of ours rather than Telegram's answer: logged with its trace, and the job is given up. */
    void crashed(long chat, Job job, RuntimeException e) {
        LOG.error("a {} to chat {} failed", job.kind(), chat, e);
        drop(job, null);
    }

    void drop(Job job, TelegramFailure why) {
        metrics.dropped.incrementAndGet();
        job.dropped(why);
    }

    private void blocked(long chat, Job job, TelegramFailure failure) {
        boolean first = chats.markInactive(chat, failure.getMessage());
        drop(job, failure);
        lanes.drain(chat).forEach(q -> {
            metrics.queued(q.job().priority(), -1);
            drop(q.job(), failure);
        });
        if (first) {
            LOG.warn("chat {} blocked the bot or removed it; nothing more is sent there ({})", chat, failure.getMessage());
            String notice = "\u26a0 Chat <code>" + chat + "</code> blocked the bot or removed it from the group, so "
                    + "iterwatch stopped sending there. It resumes when someone writes to the bot from that chat.";
            admins.stream().filter(a -> a != chat)
                    .forEach(a -> submit.accept(CallJob.text(Priority.ALERT, new ChatTarget(a, null), notice, null)));
        }
    }

    /** Followed only once the chat book took the move: one it refuses (a loop) would bounce the job forever. */
    private void migrated(long chat, long newChat, Queued queued) {
        moves.moved(chat, newChat);
        if (chats.current(chat) == chat) {
            LOG.warn("a {} to chat {} was refused as moved to {}, which cannot be followed; dropped", queued.job().kind(),
                    chat, newChat);
            drop(queued.job(), null);
            return;
        }
        lanes.move(chat, newChat, queued);
    }

    /** Doubling from half a second up to 8 s, with jitter so chats that failed together do not retry together. */
    private static long backoff(int attempts) {
        long base = Math.min(MAX_BACKOFF, FIRST_BACKOFF << Math.min(attempts, 10));
        return (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }
}
