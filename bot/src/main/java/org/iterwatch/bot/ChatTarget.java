package org.iterwatch.bot;

/** Where a message goes: a chat, and within a forum supergroup the topic thread. */
record ChatTarget(long chatId, Integer threadId) {
    static ChatTarget of(long chatId, Long threadId) {
        return new ChatTarget(chatId, threadId == null ? null : Math.toIntExact(threadId));
    }
}
