package org.iterwatch.bot.board;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Which chats have a board, and which message shows it (table {@code status_board}). */
final class BoardStore {
    /** One chat's board: where it goes, and the message showing it once Telegram confirmed one. */
    record Row(long chatId, Long threadId, Long messageId, String shownHash) {
    }

    private final Jdbi jdbi;

    BoardStore(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    /** @return true when the chat had no board yet */
    boolean ask(long chatId, Long threadId, long by, long now) {
        return jdbi.withHandle(h -> {
            int updated = h.createUpdate("UPDATE status_board SET thread_id = :t WHERE chat_id = :c")
                    .bind("t", threadId).bind("c", chatId).execute();
            if (updated > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO status_board (chat_id, thread_id, asked_by, asked_at) VALUES (:c, :t, :by, :at)")
                    .bind("c", chatId).bind("t", threadId).bind("by", by).bind("at", now).execute();
            return true;
        });
    }

    List<Row> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT chat_id, thread_id, message_id, shown_hash FROM status_board")
                .map((rs, ctx) -> new Row(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                        (Long) rs.getObject(3, Long.class), rs.getString(4))).list());
    }

    Optional<Row> of(long chatId) {
        return all().stream().filter(r -> r.chatId() == chatId).findFirst();
    }

    void shown(long chatId, long messageId, String hash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE status_board SET message_id = :m, shown_hash = :h WHERE chat_id = :c")
                .bind("m", messageId).bind("h", hash).bind("c", chatId).execute());
    }

    /** @return false when the chat had no board */
    boolean remove(long chatId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM status_board WHERE chat_id = :c").bind("c", chatId)
                .execute()) > 0;
    }

    void moveChat(long from, long to) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE status_board SET chat_id = :to, message_id = NULL WHERE chat_id = :from")
                .bind("to", to).bind("from", from).execute());
    }
}
