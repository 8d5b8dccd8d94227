package org.iterwatch.bot;

/** What people send us, stripped of Telegram's types. */
sealed interface Incoming {
    long chatId();

    long userId();

    /** A text message. */
    record Text(long chatId, Integer threadId, long userId, boolean privateChat, String text) implements Incoming {
        ChatTarget replyTo() {
            return new ChatTarget(chatId, threadId);
        }
    }

    /** A press on an inline button; {@code data} is whatever the client sent and is not trusted. */
    record Press(String callbackId, long chatId, Integer threadId, long messageId, long userId, String data)
            implements Incoming {
        ChatTarget replyTo() {
            return new ChatTarget(chatId, threadId);
        }
    }
}
