package org.iterwatch.subscription;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Per-chat settings: which alerts ring (/quiet) and the time zone times are shown in (/tz). */
public final class ChatSettings {
    private final Jdbi jdbi;
    /** Read for every /status: kept in memory, written through. */
    private final Map<Long, ZoneId> zones = new ConcurrentHashMap<>();

    public ChatSettings(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    public void quiet(long chatId, Quiet quiet) {
        put(chatId, "quiet", quiet.name());
    }

    public Quiet quiet(long chatId) {
        String q = jdbi.withHandle(h -> h.createQuery("SELECT quiet FROM chat_setting WHERE chat_id = :c")
                .bind("c", chatId).mapTo(String.class).findOne().orElse(null));
        return q == null ? Quiet.INFO : Quiet.valueOf(q);
    }

    /** @throws SubscriptionException for a zone Java does not know, naming an example */
    public ZoneId timeZone(long chatId, String zone) {
        ZoneId id;
        try {
            id = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new SubscriptionException("Unknown time zone '" + shorten(zone) + "'; write it like Europe/Berlin, "
                    + "America/New_York or UTC.");
        }
        put(chatId, "time_zone", id.getId());
        zones.put(chatId, id);
        return id;
    }

    public ZoneId timeZone(long chatId) {
        return zones.computeIfAbsent(chatId, c -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT time_zone FROM chat_setting WHERE chat_id = :c").bind("c", c).mapTo(String.class)
                .findOne().map(ZoneId::of).orElse(ZoneId.of("UTC"))));
    }

    private void put(long chatId, String column, String value) {
        jdbi.useTransaction(h -> {
            if (h.execute("UPDATE chat_setting SET " + column + " = ? WHERE chat_id = ?", value, chatId) == 0) {
                h.execute("INSERT INTO chat_setting (chat_id, " + column + ") VALUES (?, ?)", chatId, value);
            }
        });
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "\u2026" : s;
    }
}
