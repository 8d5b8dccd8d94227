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
        this.last = jdbi.withHandle(h -> h.createQuery("SELECT last_update_id FROM bot_update_mark WHERE id = 1")
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
        jdbi.useHandle(h -> {
            int rows = h.createUpdate("UPDATE bot_update_mark SET last_update_id = :u WHERE id = 1").bind("u", updateId).execute();
            if (rows == 0) {
                h.createUpdate("INSERT INTO bot_update_mark (id, last_update_id) VALUES (1, :u)").bind("u", updateId).execute();
            }
        });
        return true;
    }
}
