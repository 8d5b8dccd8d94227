package org.iterwatch.bot.delivery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a group's upgrade to a supergroup is taken in, whether Telegram announced it
 * ({@code migrate_to_chat_id} in an update) or a send ran into it (400 with {@code migrate_to_chat_id}):
 * recorded once, then everything that names the chat (charts, pinned messages, subscriptions) follows it.
 */
public final class ChatMigrations implements ChatMoves {
    private static final Logger LOG = LoggerFactory.getLogger(ChatMigrations.class);
    private final ChatBook chats;
    private final List<ChatMoves> followers;

    public ChatMigrations(ChatBook chats, List<ChatMoves> followers) {
        this.chats = chats;
        this.followers = List.copyOf(followers);
    }

    @Override
    public void moved(long fromChatId, long toChatId) {
        if (chats.moved(fromChatId, toChatId)) {
            LOG.info("chat {} became supergroup {}; its charts, subscriptions and alerts follow it", fromChatId, toChatId);
            followers.forEach(f -> f.moved(fromChatId, toChatId));
        }
    }
}
