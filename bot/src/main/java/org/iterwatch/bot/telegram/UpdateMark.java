package org.iterwatch.bot.telegram;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The highest update id handed to a handler, in the database. Written before the handler runs, so
 * after a crash an update is never handled twice (at most once: a command lost in a crash is simply
 * sent again by its author, a command run twice could remove or restart something twice).
 */
public final class UpdateMark {
    private final Jdbi jdbi;
    private long last;

    public UpdateMark(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
        reload();
    }

    /** Reads the mark again: on a shared database the instance active before this one moved it on. */
    synchronized void reload() {
        last = jdbi.withHandle(h -> h.createQuery("SELECT last_update_id FROM bot_update_mark WHERE id = 1")
                .mapTo(Long.class).findOne().orElse(0L));
    }

    synchronized long last() {
        return last;
    }

    /** @return false when this update was handled before (it is then skipped) */
    synchronized boolean claim(long updateId) {
        if (updateId <= last) {
            return false;
        }
        last = updateId;
        // Only forward: an instance that woke from a pause must not take back an update another one handled.
        return jdbi.withHandle(h -> {
            int rows = h.createUpdate("UPDATE bot_update_mark SET last_update_id = :u WHERE id = 1 AND last_update_id < :u")
                    .bind("u", updateId).execute();
            if (rows > 0) {
                return true;
            }
            if (h.createQuery("SELECT COUNT(*) FROM bot_update_mark WHERE id = 1").mapTo(Integer.class).one() > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO bot_update_mark (id, last_update_id) VALUES (1, :u)").bind("u", updateId).execute();
            return true;
        });
    }
}
