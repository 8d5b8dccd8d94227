package org.iterwatch.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Alerts, their deliveries, subscriptions, mutes and watched solvers, in the database. */
final class AlertStore {
    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String REFUSED = "REFUSED";

    private final Jdbi jdbi;

    AlertStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param loud  an alarm (rings, has Ack) rather than news
     * @param topic the topic whose chart the alert is about, or null
     * @param quiet the chat's /quiet setting
     */
    record Pending(long alertId, long chatId, Long threadId, int attempts, long nextAttempt, String html, String ackedBy,
                   boolean loud, String topic, Quiet quiet) {
    }

    record Copy(long chatId, long messageId) {
    }

    record Watch(String solver, int heartbeatSeconds, long lastSeen, String host, boolean suspected) {
    }

    /**
     * Writes the alert and one pending delivery per subscribed, unmuted chat (and per unmuted chat of
     * {@code also} not among them), together; returns the alert id.
     */
    long insert(NewAlert alert, String kind, boolean loud, List<Recipient> also) {
        return jdbi.inTransaction(h -> insert(h, alert, kind, loud, also));
    }

    /** Subscribers of the solver's name, of the alert's topic and of everything get it, and {@code also}. */
    private static long insert(Handle h, NewAlert alert, String kind, boolean loud, List<Recipient> also) {
        String solver = alert.solver();
        long now = alert.now();
        long id = h.createUpdate("INSERT INTO alert (event_id, solver, kind, html, created_at, loud, topic) "
                        + "VALUES (:e, :s, :k, :html, :now, :loud, :topic)")
                .bind("e", alert.eventId()).bind("s", solver).bind("k", kind).bind("html", alert.html()).bind("now", now)
                .bind("loud", loud).bind("topic", alert.topic())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.createUpdate("INSERT INTO alert_delivery (alert_id, chat_id, thread_id, state, attempts, next_attempt) "
                        + "SELECT :id, s.chat_id, MIN(s.thread_id), 'PENDING', 0, :now FROM subscription s "
                        + "WHERE s.target IN (:solver, :topic, '*') "
                        + "AND NOT EXISTS (SELECT 1 FROM mute m WHERE m.chat_id = s.chat_id AND m.until > :now) "
                        + "GROUP BY s.chat_id")
                .bind("id", id).bind("now", now).bind("solver", solver).bind("topic", alert.topic() == null ? solver
                        : alert.topic()).execute();
        for (Recipient r : also) {
            h.createUpdate("INSERT INTO alert_delivery (alert_id, chat_id, thread_id, state, attempts, next_attempt) "
                            + "SELECT :id, :chat, CAST(:thread AS BIGINT), 'PENDING', 0, :now "
                            + "WHERE NOT EXISTS (SELECT 1 FROM alert_delivery d WHERE d.alert_id = :id AND d.chat_id = :chat) "
                            + "AND NOT EXISTS (SELECT 1 FROM mute m WHERE m.chat_id = :chat AND m.until > :now)")
                    .bind("id", id).bind("chat", r.chatId()).bind("thread", r.threadId()).bind("now", now).execute();
        }
        return id;
    }

    /** The oldest pending delivery of each chat: a chat gets its alerts in order, one at a time. */
    List<Pending> heads(int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT d.alert_id, d.chat_id, d.thread_id, d.attempts, d.next_attempt, a.html, a.acked_by, "
                                + "a.loud, a.topic, cs.quiet "
                                + "FROM alert_delivery d JOIN alert a ON a.id = d.alert_id "
                                + "LEFT JOIN chat_setting cs ON cs.chat_id = d.chat_id "
                                + "WHERE d.state = 'PENDING' AND d.alert_id = (SELECT MIN(x.alert_id) FROM alert_delivery x "
                                + "WHERE x.chat_id = d.chat_id AND x.state = 'PENDING') ORDER BY d.alert_id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getInt(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                        rs.getString(10) == null ? Quiet.INFO : Quiet.valueOf(rs.getString(10))))
                .list());
    }

    /**
     * The copy went out; {@code landedIn} is the chat it reached, which differs from the one it was addressed
     * to when that group became a supergroup meanwhile: the copy is then recorded there, so its Ack and Mute
     * buttons work in the supergroup.
     */
    void sent(long alertId, long chatId, long landedIn, long messageId) {
        jdbi.useTransaction(h -> {
            boolean relabel = landedIn != chatId && count(h,
                    "SELECT COUNT(*) FROM alert_delivery WHERE alert_id = ? AND chat_id = ?", alertId, landedIn) == 0;
            h.execute("UPDATE alert_delivery SET state = 'SENT', message_id = ?, attempts = attempts + 1, chat_id = ? "
                    + "WHERE alert_id = ? AND chat_id = ?", messageId, relabel ? landedIn : chatId, alertId, chatId);
        });
    }

    /**
     * A group became a supergroup: what it follows and its mute go with it. Deliveries already addressed to the
     * old id stay as they are; the sender follows the move and {@link #sent} records where they landed.
     */
    void moveChat(long fromChatId, long toChatId) {
        if (fromChatId == toChatId) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.execute("INSERT INTO subscription (chat_id, thread_id, target, created_by, created_at) "
                    + "SELECT ?, s.thread_id, s.target, s.created_by, s.created_at FROM subscription s WHERE s.chat_id = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM subscription x WHERE x.chat_id = ? AND x.target = s.target)",
                    toChatId, fromChatId, toChatId);
            h.execute("DELETE FROM subscription WHERE chat_id = ?", fromChatId);
            h.execute("INSERT INTO mute (chat_id, until) SELECT ?, m.until FROM mute m WHERE m.chat_id = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM mute x WHERE x.chat_id = ?)", toChatId, fromChatId, toChatId);
            h.execute("DELETE FROM mute WHERE chat_id = ?", fromChatId);
        });
    }

    void retryAt(long alertId, long chatId, long when) {
        update("UPDATE alert_delivery SET attempts = attempts + 1, next_attempt = ? WHERE alert_id = ? AND chat_id = ?",
                when, alertId, chatId);
    }

    void refused(long alertId, long chatId) {
        update("UPDATE alert_delivery SET state = 'REFUSED', attempts = attempts + 1 WHERE alert_id = ? AND chat_id = ?",
                alertId, chatId);
    }

    /** After a restart nothing waits for a backoff computed before it. */
    void retryAllNow(long now) {
        update("UPDATE alert_delivery SET next_attempt = ? WHERE state = 'PENDING' AND next_attempt > ?", now, now);
    }

    int pendingCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_delivery WHERE state = 'PENDING'")
                .mapTo(Integer.class).one());
    }

    boolean deliveredTo(long alertId, long chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_delivery WHERE alert_id = :a AND chat_id = :c")
                .bind("a", alertId).bind("c", chatId).mapTo(Integer.class).one() > 0);
    }

    boolean sentAs(long alertId, long chatId, long messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_delivery WHERE alert_id = :a AND chat_id = :c "
                        + "AND state = 'SENT' AND message_id = :m")
                .bind("a", alertId).bind("c", chatId).bind("m", messageId).mapTo(Integer.class).one() > 0);
    }

    /** Marks the alert acknowledged unless it was already; returns its HTML when this was the first Ack. */
    Optional<String> acknowledge(long alertId, String who) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("UPDATE alert SET acked_by = :who WHERE id = :id AND acked_by IS NULL")
                    .bind("who", who).bind("id", alertId).execute();
            if (changed == 0) {
                return Optional.empty();
            }
            return h.createQuery("SELECT html FROM alert WHERE id = :id").bind("id", alertId).mapTo(String.class).findOne();
        });
    }

    Optional<String> topicOf(long alertId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT topic FROM alert WHERE id = :id AND topic IS NOT NULL")
                .bind("id", alertId).mapTo(String.class).findOne());
    }

    List<Copy> copies(long alertId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT chat_id, message_id FROM alert_delivery "
                        + "WHERE alert_id = :a AND state = 'SENT' AND message_id IS NOT NULL ORDER BY chat_id")
                .bind("a", alertId).map((rs, ctx) -> new Copy(rs.getLong(1), rs.getLong(2))).list());
    }

    boolean subscribe(long chatId, Long threadId, String target, long by, long now) {
        return jdbi.inTransaction(h -> {
            if (count(h, "SELECT COUNT(*) FROM subscription WHERE chat_id = ? AND target = ?", chatId, target) > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO subscription (chat_id, thread_id, target, created_by, created_at) "
                            + "VALUES (:c, :t, :target, :by, :now)")
                    .bind("c", chatId).bind("t", threadId).bind("target", target).bind("by", by).bind("now", now)
                    .execute();
            return true;
        });
    }

    boolean unsubscribe(long chatId, String target) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM subscription WHERE chat_id = ? AND target = ?", chatId, target)) > 0;
    }

    int unsubscribeAll(long chatId) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM subscription WHERE chat_id = ?", chatId));
    }

    List<String> subscriptions(long chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT target FROM subscription WHERE chat_id = :c ORDER BY target")
                .bind("c", chatId).mapTo(String.class).list());
    }

    void mute(long chatId, long until) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM mute WHERE chat_id = ?", chatId);
            h.execute("INSERT INTO mute (chat_id, until) VALUES (?, ?)", chatId, until);
        });
    }

    boolean unmute(long chatId, long now) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM mute WHERE chat_id = ? AND until > ?", chatId, now)) > 0;
    }

    /** An alert to store only if something turns out to call for it. */
    record NewAlert(String eventId, String solver, AlertKind kind, String html, long now, String topic) {
    }

    /**
     * A sign of life from a solver: a heartbeat period starts or continues its watch; a watched solver's
     * suspicion is lifted. When it was suspected, {@code back} (if given) is stored in the same transaction,
     * so a check that suspects it at the same moment is either before (and "back" follows) or sees it alive.
     * Returns whether {@code back} was stored.
     */
    boolean heardFrom(String solver, Integer heartbeatSeconds, String host, long now, NewAlert back) {
        return jdbi.inTransaction(h -> {
            boolean wasSuspected = h.execute("UPDATE solver_watch SET suspected = FALSE WHERE solver = ? AND suspected = TRUE",
                    solver) > 0;
            if (heartbeatSeconds != null) {
                watch(h, solver, heartbeatSeconds, now, host);
            } else {
                h.execute("UPDATE solver_watch SET last_seen = ? WHERE solver = ?", now, solver);
            }
            if (wasSuspected && back != null) {
                insert(h, back, back.kind().name(), back.kind().loud(), List.of());
                return true;
            }
            return false;
        });
    }

    private static void watch(Handle h, String solver, int heartbeatSeconds, long now, String host) {
        if (count(h, "SELECT COUNT(*) FROM solver_watch WHERE solver = ?", solver) > 0) {
            h.createUpdate("UPDATE solver_watch SET heartbeat_seconds = :hb, last_seen = :now, host = :host, suspected = FALSE "
                            + "WHERE solver = :s")
                    .bind("hb", heartbeatSeconds).bind("now", now).bind("host", host).bind("s", solver).execute();
        } else {
            h.createUpdate("INSERT INTO solver_watch (solver, heartbeat_seconds, last_seen, host, suspected) "
                            + "VALUES (:s, :hb, :now, :host, FALSE)")
                    .bind("hb", heartbeatSeconds).bind("now", now).bind("host", host).bind("s", solver).execute();
        }
    }

    void unwatch(String solver) {
        update("DELETE FROM solver_watch WHERE solver = ?", solver);
    }

    List<Watch> watches() {
        return jdbi.withHandle(h -> h.createQuery("SELECT solver, heartbeat_seconds, last_seen, host, suspected "
                + "FROM solver_watch ORDER BY solver").map((rs, ctx) -> watch(rs)).list());
    }

    /**
     * Marks a silent solver suspected and stores its alert, together; false if it was heard from since
     * {@code lastSeen} or another check suspected it first.
     */
    boolean suspect(String solver, long lastSeen, NewAlert alert) {
        return jdbi.inTransaction(h -> {
            if (h.execute("UPDATE solver_watch SET suspected = TRUE WHERE solver = ? AND suspected = FALSE AND last_seen = ?",
                    solver, lastSeen) == 0) {
                return false;
            }
            insert(h, alert, alert.kind().name(), alert.kind().loud(), List.of());
            return true;
        });
    }

    /** Time iterwatch was not running is not the solvers' silence: each unsuspected watch starts a new grace. */
    void restartGraces(long now) {
        update("UPDATE solver_watch SET last_seen = ? WHERE suspected = FALSE AND last_seen < ?", now, now);
    }

    private static Watch watch(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Watch(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5));
    }

    private static int count(Handle h, String sql, Object... args) {
        var q = h.createQuery(sql);
        for (int i = 0; i < args.length; i++) {
            q.bind(i, args[i]);
        }
        return q.mapTo(Integer.class).one();
    }

    private void update(String sql, Object... args) {
        jdbi.useHandle(h -> h.execute(sql, args));
    }

    /** The alerts meant for this chat since then, oldest first. */
    List<RaisedAlert> raisedFor(long chatId, long since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.solver, a.kind, a.created_at, a.acked_by FROM alert a "
                        + "JOIN alert_delivery d ON d.alert_id = a.id WHERE d.chat_id = :c AND a.created_at >= :since "
                        + "ORDER BY a.created_at, a.id")
                .bind("c", chatId).bind("since", since)
                .map((rs, ctx) -> new RaisedAlert(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(4))).list());
    }
}
