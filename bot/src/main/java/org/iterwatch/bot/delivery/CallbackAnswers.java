package org.iterwatch.bot.delivery;

import java.util.concurrent.ExecutorService;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Pause;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to button presses, on a small pool of their own outside the queue: Telegram keeps the button
 * spinning until it is answered, so the answer must not wait behind chart edits or pacing.
 */
final class CallbackAnswers implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackAnswers.class);
    private static final int ATTEMPTS = 3;

    private final TelegramGateway api;
    private ExecutorService pool;

    CallbackAnswers(TelegramGateway api) {
        this.api = api;
    }

    @Override
    public void start(Threads threads) {
        pool = threads.pool("telegram-answer", 2);
    }

    /** Not waited for: an answer still running may finish; the lifecycle ends the part's threads. */
    @Override
    public void stop() {
        pool.shutdown();
    }

    /** A short retry on network trouble only: a late answer is useless, the press has likely expired. */
    void answer(String callbackId, String text) {
        pool.execute(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    api.answerCallback(callbackId, text);
                    return;
                } catch (TelegramFailure e) {
                    if (e.kind() != TelegramFailure.Kind.TRANSIENT || attempt == ATTEMPTS) {
                        LOG.warn("callback query not answered: {}", e.getMessage());
                        return;
                    }
                    Pause.of(200L * attempt);
                }
            }
        });
    }
}
