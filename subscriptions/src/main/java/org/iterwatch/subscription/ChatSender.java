package org.iterwatch.subscription;

import java.time.Duration;
import java.util.List;

/** The port alerts leave through; the bot implements it on Telegram. */
public interface ChatSender {
    Result send(long chatId, Long threadId, String html, List<Button> buttons);

    /** A send told how: a sender that can do better than a plain message overrides this. */
    default Result send(long chatId, Long threadId, String html, List<Button> buttons, How how) {
        return send(chatId, threadId, html, buttons);
    }

    /**
     * @param silent without a sound (news, or the chat's /quiet)
     * @param topic  the topic whose chart the alert is about, or null
     */
    record How(boolean silent, String topic) {
    }

    /** Replaces the text and buttons of a message sent before. */
    Result edit(long chatId, long messageId, String html, List<Button> buttons);

    /** An edit told how (the topic, so that a link to its chart stays): a sender that can do better overrides this. */
    default Result edit(long chatId, long messageId, String html, List<Button> buttons, How how) {
        return edit(chatId, messageId, html, buttons);
    }

    /** An inline button: its label and callback data (at most 64 bytes). */
    record Button(String label, String data) {
    }

    /** What became of a send: delivered, try again later, or never (blocked, chat gone). */
    sealed interface Result {
        /**
         * Delivered as {@code messageId} in {@code chatId}: the chat it reached, which is not the one addressed
         * when that group became a supergroup meanwhile (0: the one addressed).
         */
        record Sent(long chatId, long messageId) implements Result {
            public Sent(long messageId) {
                this(0, messageId);
            }
        }

        record RetryLater(Duration after, String reason) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }
}
