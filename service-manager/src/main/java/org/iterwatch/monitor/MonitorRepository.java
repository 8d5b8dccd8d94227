package org.iterwatch.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.iterwatch.render.PreviousRun;
import org.jdbi.v3.core.Jdbi;

/** Monitors and the chats following them, in the database. */
final class MonitorRepository {
    private final Jdbi jdbi;

    MonitorRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    MonitorRow insert(String topic, String title, MonitorOptions options, long createdBy) {
        long id = jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO monitor (topic, title, created_by, created_at) VALUES (:topic, :title, :by, :at)")
                .bind("topic", topic).bind("title", title).bind("by", createdBy).bind("at", Instant.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        options(id, title, options);
        return byId(id).orElseThrow();
    }

    void options(long id, String title, MonitorOptions o) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE monitor SET title = :title, refresh_ms = :r, stall_ms = :s, x_axis = :x, converge_tol = :tol, "
                                + "value_limit = :lim, stagnation = :n WHERE id = :id")
                .bind("title", title)
                .bind("tol", o.converge()).bind("lim", o.limit()).bind("n", o.stagnation())
                .bind("r", o.refreshPeriod() == null ? null : o.refreshPeriod().toMillis())
                .bind("s", o.stallPeriod() == null ? null : o.stallPeriod().toMillis())
                .bind("x", o.xAxis() == null ? null : o.xAxis().name()).bind("id", id).execute());
    }

    void generation(long id, String generation) {
        jdbi.useHandle(h -> h.execute("UPDATE monitor SET generation = ? WHERE id = ?", generation, id));
    }

    void restarted(long id, String generation) {
        jdbi.useHandle(h -> h.execute("UPDATE monitor SET generation = ?, restarts = restarts + 1 WHERE id = ?", generation, id));
    }

    void restarted(long id) {
        jdbi.useHandle(h -> h.execute("UPDATE monitor SET restarts = restarts + 1 WHERE id = ?", id));
    }

    void lastKnown(long id, MonitorSnapshot s) {
        jdbi.useHandle(h -> h.execute("UPDATE monitor SET last_points = ?, last_first_iteration = ?, last_iteration = ?, "
                + "last_record_at = ? WHERE id = ?", s.points(), s.firstIteration(), s.lastIteration(),
                s.lastRecord() == null ? null : s.lastRecord().toEpochMilli(), id));
    }

    Optional<LastKnown> lastKnown(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_points, last_first_iteration, last_iteration, last_record_at "
                        + "FROM monitor WHERE id = :id AND last_points IS NOT NULL").bind("id", id)
                .map((rs, ctx) -> new LastKnown(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : Instant.ofEpochMilli(rs.getLong(4))))
                .findOne());
    }

    void heldState(long id, MonitorState state) {
        jdbi.useHandle(h -> h.execute("UPDATE monitor SET held_state = ? WHERE id = ?", state == null ? null : state.name(), id));
    }

    /**
     * Records that the alert {@code key} of a monitor was raised; false when it was already (the alert must then
     * not go out again).
     */
    boolean firstAlert(long monitorId, String key) {
        // One tick of a monitor runs at a time (see LiveMonitor): nothing else inserts this key meanwhile.
        return jdbi.inTransaction(h -> {
            int known = h.createQuery("SELECT COUNT(*) FROM monitor_alert WHERE monitor_id = :m AND alert_key = :k")
                    .bind("m", monitorId).bind("k", key).mapTo(Integer.class).one();
            if (known > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO monitor_alert (monitor_id, alert_key, raised_at) VALUES (:m, :k, :at)")
                    .bind("m", monitorId).bind("k", key).bind("at", Instant.now()).execute();
            return true;
        });
    }

    /** Keeps the shape of the run that ended, in place of the one kept before. */
    void previousRun(long monitorId, PreviousRun run) {
        byte[] envelope = PreviousRuns.encode(run);
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM monitor_previous_run WHERE monitor_id = ?", monitorId);
            h.createUpdate("INSERT INTO monitor_previous_run (monitor_id, points, duration_ms, envelope, ended_at) "
                            + "VALUES (:m, :p, :d, :e, :at)")
                    .bind("m", monitorId).bind("p", run.points()).bind("d", run.duration().toMillis())
                    .bind("e", envelope).bind("at", Instant.now()).execute();
        });
    }

    Optional<PreviousRun> previousRun(long monitorId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT points, duration_ms, envelope FROM monitor_previous_run WHERE monitor_id = :m")
                .bind("m", monitorId)
                .map((rs, ctx) -> PreviousRuns.decode(rs.getLong(1), rs.getLong(2), rs.getBytes(3)))
                .findOne());
    }

    private static MonitorRow row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        Long refresh = rs.getObject(4, Long.class);
        Long stall = rs.getObject(5, Long.class);
        String x = rs.getString(6);
        String held = rs.getString(8);
        MonitorOptions options = new MonitorOptions(refresh == null ? null : java.time.Duration.ofMillis(refresh),
                stall == null ? null : java.time.Duration.ofMillis(stall), x == null ? null : XAxis.valueOf(x),
                rs.getObject(10, Double.class), rs.getObject(11, Double.class), rs.getObject(12, Integer.class));
        return new MonitorRow(rs.getLong(1), rs.getString(2), rs.getString(3), options, rs.getString(7),
                held == null ? null : MonitorState.valueOf(held), rs.getLong(9));
    }

    Optional<MonitorRow> byTopic(String topic) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, topic, title, refresh_ms, stall_ms, x_axis, generation, held_state, restarts, converge_tol, value_limit, stagnation FROM monitor WHERE topic = :topic")
                .bind("topic", topic).map(MonitorRepository::row)
                .findOne());
    }

    Optional<MonitorRow> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, topic, title, refresh_ms, stall_ms, x_axis, generation, held_state, restarts, converge_tol, value_limit, stagnation FROM monitor WHERE id = :id")
                .bind("id", id).map(MonitorRepository::row)
                .findOne());
    }

    List<MonitorRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, topic, title, refresh_ms, stall_ms, x_axis, generation, held_state, restarts, converge_tol, value_limit, stagnation FROM monitor ORDER BY topic")
                .map(MonitorRepository::row).list());
    }

    void delete(long id) {
        jdbi.useHandle(h -> h.execute("DELETE FROM monitor WHERE id = ?", id));
    }

    /** Adds a follower; a chat that already follows keeps its message. */
    void follow(long monitorId, long chatId, Long threadId) {
        jdbi.useTransaction(h -> {
            int known = h.createQuery("SELECT COUNT(*) FROM monitor_chat WHERE monitor_id = :m AND chat_id = :c")
                    .bind("m", monitorId).bind("c", chatId).mapTo(Integer.class).one();
            if (known == 0) {
                h.createUpdate("INSERT INTO monitor_chat (monitor_id, chat_id, thread_id) VALUES (:m, :c, :t)")
                        .bind("m", monitorId).bind("c", chatId).bind("t", threadId).execute();
            }
        });
    }

    List<Follower> followers(long monitorId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT chat_id, thread_id, message_id, content_hash, chart_view, log_y, hide_previous "
                                + "FROM monitor_chat WHERE monitor_id = :m ORDER BY chat_id")
                .bind("m", monitorId)
                .map((rs, ctx) -> new Follower(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                        (Long) rs.getObject(3, Long.class), rs.getString(4), new ChartView(
                        rs.getString(5) == null ? ChartView.Kind.ALL : ChartView.Kind.valueOf(rs.getString(5)),
                        rs.getBoolean(6), rs.getBoolean(7))))
                .list());
    }

    void shown(long monitorId, ShownMessage shown) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE monitor_chat SET message_id = :msg, content_hash = :hash WHERE monitor_id = :m AND chat_id = :c")
                .bind("msg", shown.messageId()).bind("hash", shown.contentHash())
                .bind("m", monitorId).bind("c", shown.chatId()).execute());
    }

    /** Returns the message that showed the chart there, if any. */
    Optional<Follower> unfollow(long monitorId, long chatId) {
        return jdbi.inTransaction(h -> {
            Optional<Follower> was = h.createQuery("SELECT chat_id, thread_id, message_id, content_hash FROM monitor_chat "
                            + "WHERE monitor_id = :m AND chat_id = :c").bind("m", monitorId).bind("c", chatId)
                    .map((rs, ctx) -> new Follower(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                            (Long) rs.getObject(3, Long.class), rs.getString(4))).findOne();
            h.execute("DELETE FROM monitor_chat WHERE monitor_id = ? AND chat_id = ?", monitorId, chatId);
            return was;
        });
    }

    /** A chat's message shows another view: stored, and its shown content forgotten so that it is drawn again. */
    void view(long monitorId, long chatId, ChartView view) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE monitor_chat SET chart_view = :v, log_y = :log, hide_previous = :hide, "
                        + "content_hash = NULL WHERE monitor_id = :m AND chat_id = :c")
                .bind("v", view.kind().name()).bind("log", view.logY()).bind("hide", view.hidePrevious())
                .bind("m", monitorId).bind("c", chatId).execute());
    }

    void unfollowChat(long chatId) {
        jdbi.useHandle(h -> h.execute("DELETE FROM monitor_chat WHERE chat_id = ?", chatId));
    }

    /** A group became a supergroup: its follows move to the new id, where no message exists yet. */
    void moveChat(long fromChatId, long toChatId) {
        if (fromChatId == toChatId) {
            // The DELETE below would take every follow the chat has.
            return;
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM monitor_chat WHERE chat_id = :from AND monitor_id IN "
                    + "(SELECT monitor_id FROM monitor_chat WHERE chat_id = :to)").bind("from", fromChatId).bind("to", toChatId).execute();
            h.createUpdate("UPDATE monitor_chat SET chat_id = :to, message_id = NULL, content_hash = NULL WHERE chat_id = :from")
                    .bind("from", fromChatId).bind("to", toChatId).execute();
        });
    }
}
