package org.iterwatch.bot.delivery;

/** Told when a group became a supergroup, so every reference to the old chat id follows it. */
public interface ChatMoves {
    void moved(long fromChatId, long toChatId);
}
