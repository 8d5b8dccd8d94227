package org.iterwatch.bot.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * What the bot knows about chats beyond Telegram's answers: which blocked it (inactive) and which
 * groups moved to a supergroup id. Kept in the database, read from memory.
 */
public final class ChatBook {
    private final Jdbi jdbi;
    private final Map<Long, Long> movedTo = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> inactive = new ConcurrentHashMap<>();

    public ChatBook(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
        reload();
    }

    /** Reads the book again: on a shared database another instance may have written to it while this one was standby. */
    public synchronized void reload() {
        Map<Long, Long> moves = new java.util.HashMap<>();
        java.util.Set<Long> blocked = new java.util.HashSet<>();
        jdbi.useHandle(h -> h.createQuery("SELECT chat_id, inactive_since, moved_to FROM bot_chat").map((rs, ctx) -> {
            long chat = rs.getLong(1);
            if (rs.getObject(2) != null) {
                blocked.add(chat);
            }
            long to = rs.getLong(3);
            if (!rs.wasNull()) {
                moves.put(chat, to);
            }
            return chat;
        }).list());
        movedTo.keySet().retainAll(moves.keySet());
        movedTo.putAll(moves);
        inactive.keySet().retainAll(blocked);
        blocked.forEach(chat -> inactive.put(chat, true));
    }

    /** The chat's id now, after any moves to a supergroup. */
    public long current(long chatId) {
        long id = chatId;
        for (int hops = 0; hops < 5 && movedTo.containsKey(id); hops++) {
            id = movedTo.get(id);
        }
        return id;
    }

    public boolean inactive(long chatId) {
        return inactive.containsKey(chatId);
    }

    /** @return true the first time, so whoever must be told is told once */
    synchronized boolean markInactive(long chatId, String reason) {
        if (inactive.putIfAbsent(chatId, true) != null) {
            return false;
        }
        upsert(chatId);
        jdbi.useHandle(h -> h.createUpdate("UPDATE bot_chat SET inactive_since = :at, reason = :reason WHERE chat_id = :c")
                .bind("at", Instant.now()).bind("reason", reason.length() > 300 ? reason.substring(0, 300) : reason)
                .bind("c", chatId).execute());
        return true;
    }

    /** Someone wrote from this chat: the bot may send there again. */
    public synchronized void reactivate(long chatId) {
        if (inactive.remove(chatId) != null) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE bot_chat SET inactive_since = NULL, reason = NULL WHERE chat_id = :c")
                    .bind("c", chatId).execute());
        }
    }

    /**
     * Records that a group became a supergroup; true when this is news. A move to itself, or one that would
     * close a circle of moves, is ignored (false): following it would lose the chat.
     */
    synchronized boolean moved(long fromChatId, long toChatId) {
        if (current(toChatId) == fromChatId || current(fromChatId) == toChatId) {
            return false;
        }
        movedTo.put(fromChatId, toChatId);
        upsert(fromChatId);
        jdbi.useHandle(h -> h.createUpdate("UPDATE bot_chat SET moved_to = :to WHERE chat_id = :c")
                .bind("to", toChatId).bind("c", fromChatId).execute());
        return true;
    }

    private void upsert(long chatId) {
        jdbi.useHandle(h -> h.createUpdate(
                "INSERT INTO bot_chat (chat_id) SELECT :c WHERE NOT EXISTS (SELECT 1 FROM bot_chat WHERE chat_id = :c)")
                .bind("c", chatId).execute());
    }
}
