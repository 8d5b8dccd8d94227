package org.iterwatch.bot;

/** Told when a group became a supergroup, so every reference to the old chat id follows it. */
interface ChatMoves {
    void moved(long fromChatId, long toChatId);
}
