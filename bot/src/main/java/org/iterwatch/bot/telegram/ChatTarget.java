package org.iterwatch.bot.telegram;

/** Where a message goes: a chat, and within a forum supergroup the topic thread. */
public record ChatTarget(long chatId, Integer threadId) {
    public static ChatTarget of(long chatId, Long threadId) {
        return new ChatTarget(chatId, threadId == null ? null : Math.toIntExact(threadId));
    }
}
