package org.iterwatch.bot.digest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** The monitors' activity log and each chat's baseline of points (tables monitor_activity, digest_baseline). */
final class DigestStore {
    record Activity(long at, String topic, String kind) {
    }

    private final Jdbi jdbi;

    DigestStore(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    void record(long at, String topic, String kind) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO monitor_activity (at, topic, kind) VALUES (:at, :t, :k)")
                .bind("at", at).bind("t", topic).bind("k", kind).execute());
    }

    List<Activity> activitySince(long since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, topic, kind FROM monitor_activity WHERE at >= :s ORDER BY id")
                .bind("s", since).map((rs, ctx) -> new Activity(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
    }

    Map<String, Long> baseline(long chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT topic, points FROM digest_baseline WHERE chat_id = :c")
                .bind("c", chatId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void setBaseline(long chatId, Map<String, Long> points, long at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM digest_baseline WHERE chat_id = :c").bind("c", chatId).execute();
            points.forEach((topic, n) -> h.createUpdate(
                            "INSERT INTO digest_baseline (chat_id, topic, points, at) VALUES (:c, :t, :p, :at)")
                    .bind("c", chatId).bind("t", topic).bind("p", n).bind("at", at).execute());
        });
    }

    void forget(long chatId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM digest_baseline WHERE chat_id = :c").bind("c", chatId).execute());
    }

    void moveChat(long from, long to) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE digest_baseline SET chat_id = :to WHERE chat_id = :from")
                .bind("to", to).bind("from", from).execute());
    }
}
