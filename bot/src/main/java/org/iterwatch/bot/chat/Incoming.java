package org.iterwatch.bot.chat;

import org.iterwatch.bot.telegram.ChatTarget;

/** What people send us, stripped of Telegram's types. */
sealed interface Incoming {
    long chatId();

    /** The forum topic it came from, or null. */
    Integer threadId();

    long userId();

    /** Answers go where the message or press came from, forum topic included. */
    default ChatTarget replyTo() {
        return new ChatTarget(chatId(), threadId());
    }

    /** The forum topic as our tables keep it. */
    default Long thread() {
        return threadId() == null ? null : threadId().longValue();
    }

    /** A text message. */
    record Text(long chatId, Integer threadId, long userId, boolean privateChat, String text) implements Incoming {
    }

    /** A press on an inline button; {@code data} is whatever the client sent and is not trusted. */
    record Press(String callbackId, long chatId, Integer threadId, long messageId, long userId, String data)
            implements Incoming {
    }
}
