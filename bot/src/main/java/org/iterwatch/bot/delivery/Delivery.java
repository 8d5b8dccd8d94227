package org.iterwatch.bot.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.iterwatch.bot.delivery.Lane.Queued;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;

/**
 * Everything iterwatch sends to Telegram goes through here: one queue, alerts before replies before
 * chart edits before answers to strangers ({@link Lanes}), paced to stay inside Telegram's limits
 * ({@link Pacer}), each Telegram error handled as it deserves ({@link FailedSends}). Callback-query
 * answers skip the queue ({@link CallbackAnswers}): Telegram wants them at once.
 */
public final class Delivery implements Managed {
    private final TelegramGateway api;
    private final ChatBook chats;
    private final DeliveryMetrics metrics;
    private final Lanes lanes;
    private final FailedSends failures;
    private final CallbackAnswers answers;
    /**
     * Drawing is CPU work: as many threads as a small machine has cores, apart from the senders, so that a paced
     * request never waits behind a drawing (it would then leave late, and late requests bunch into Telegram's
     * limits).
     */
    private static final int DRAWING_THREADS = 2;
    private ExecutorService workers;
    private ExecutorService drawers;
    private Thread dispatcher;

    public Delivery(TelegramGateway api, Pacer pacer, ChatBook chats, List<Long> admins, DeliveryMetrics metrics) {
        this.api = api;
        this.chats = chats;
        this.metrics = metrics;
        this.lanes = new Lanes(pacer, metrics);
        this.failures = new FailedSends(lanes, chats, admins, metrics, this::submit);
        this.answers = new CallbackAnswers(api);
    }

    /** Who else must follow a chat that moved (monitors, pinned messages); set once while wiring. */
    public void onChatMoved(ChatMoves moves) {
        failures.onChatMoved(moves);
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
        answers.answer(callbackId, text);
    }

    /** Queued for the chat as it is now; a chat that blocked the bot gets nothing. */
    public void submit(Job job) {
        long chat = chats.current(job.target().chatId());
        if (chats.inactive(chat)) {
            metrics.dropped.incrementAndGet();
            job.dropped(null);
            return;
        }
        lanes.add(chat, job);
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    @Override
    public void start(Threads threads) {
        lanes.open();
        workers = threads.pool("telegram-send", 8);
        drawers = threads.pool("chart-draw", DRAWING_THREADS);
        answers.start(threads);
        dispatcher = threads.start("telegram-delivery",
                () -> lanes.dispatch((chat, lane, next, prepareOnly) -> {
                    if (prepareOnly) {
                        drawers.execute(() -> prepare(chat, lane, next));
                    } else {
                        workers.execute(() -> send(chat, lane, next));
                    }
                }));
    }

    @Override
    public void stop() {
        lanes.close();
        workers.shutdown();
        drawers.shutdown();
        answers.stop();
        try {
            dispatcher.join(5_000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
            drawers.awaitTermination(5, TimeUnit.SECONDS);
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
        lanes.drainAll().forEach(q -> {
            metrics.queued(q.job().priority(), -1);
            q.job().dropped(stopping);
        });
    }

    @Override
    public String toString() {
        return "Telegram delivery";
    }

    /** On a drawing thread: the job's slow part, unpaced; it then waits at the head of its chat's lane for its request. */
    private void prepare(long chat, Lane lane, Queued queued) {
        try {
            queued.job().prepare();
        } catch (RuntimeException e) {
            failures.crashed(chat, queued.job(), e);
            lanes.finished(chat, lane);
            return;
        }
        long current = chats.current(chat);
        if (current != chat) {
            queued.job().chatMoved(current);
        }
        lanes.prepared(chat, current, lane, queued);
    }

    /** On a worker: one request to Telegram; whatever happens, the chat's lane is free again afterwards. */
    private void send(long chat, Lane lane, Queued queued) {
        Job job = queued.job();
        try {
            job.run(api, new ChatTarget(chat, job.target().threadId()));
            metrics.sent.incrementAndGet();
        } catch (TelegramFailure failure) {
            failures.handle(chat, queued, failure);
        } catch (RuntimeException e) {
            failures.crashed(chat, job, e);
        } finally {
            lanes.finished(chat, lane);
        }
    }
}
