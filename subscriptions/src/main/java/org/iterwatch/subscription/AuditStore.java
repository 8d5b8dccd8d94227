package org.iterwatch.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * The audit table. Refused attempts fold: one row per person, chat, outcome and detail counts every
 * such attempt within a day of the row's first ({@code at}) up to its last ({@code last_at}), so a
 * flood adds no rows. Changes of people are never folded.
 */
final class AuditStore {
    static final Duration FOLD_SPAN = Duration.ofDays(1);
    private static final String INSERT = "INSERT INTO audit (at, last_at, attempts, user_id, chat_id, action, outcome, detail) "
            + "VALUES (:at, :last, :attempts, :user, :chat, :action, :outcome, :detail)";
    private final Jdbi jdbi;

    /** Attempts of the same kind in one batch: the first one's line, how many, and when the last was. */
    private static final class Fold {
        final AuditEntry first;
        int attempts = 1;
        Instant last;

        Fold(AuditEntry first) {
            this.first = first;
            this.last = first.at();
        }

        boolean takes(AuditEntry e) {
            return e.at().isBefore(first.at().plus(FOLD_SPAN));
        }

        void add(AuditEntry e) {
            attempts++;
            last = e.at();
        }
    }

    private record FoldKey(long userId, Long chatId, AuditEntry.Outcome outcome, String detail) {
        static FoldKey of(AuditEntry e) {
            return new FoldKey(e.userId(), e.chatId(), e.outcome(), e.detail());
        }
    }

    AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores refusals folded into the rows they belong to; a change of people gets a row of its own. */
    void fold(List<AuditEntry> entries) {
        Map<FoldKey, Fold> open = new HashMap<>();
        List<Fold> folds = new ArrayList<>();
        List<AuditEntry> changes = new ArrayList<>();
        for (AuditEntry e : entries) {
            Fold fold = open.get(FoldKey.of(e));
            if (e.outcome() == AuditEntry.Outcome.CHANGED) {
                changes.add(e);
            } else if (fold != null && fold.takes(e)) {
                fold.add(e);
            } else {
                fold = new Fold(e);
                open.put(FoldKey.of(e), fold);
                folds.add(fold);
            }
        }
        jdbi.useTransaction(h -> {
            changes.forEach(e -> insert(h, e));
            for (Fold f : folds) {
                if (addTo(h, f) == 0) {
                    insert(h, f.first, f.attempts, f.last);
                }
            }
        });
    }

    /** In the caller's transaction, so a change of people and its audit line are stored together. */
    static void insert(Handle h, AuditEntry e) {
        insert(h, e, 1, e.at());
    }

    /** The last time each stranger was told their id, since {@code since}. */
    Map<Long, Instant> told(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, MAX(last_at) FROM audit WHERE outcome = 'TOLD_ID' "
                        + "AND last_at >= :since GROUP BY user_id").bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Counts the fold into the newest matching row begun within the span; 0 when there is none. */
    private static int addTo(Handle h, Fold f) {
        AuditEntry e = f.first;
        // Spelled out rather than IS NOT DISTINCT FROM with a null parameter, which PostgreSQL cannot type.
        String chat = e.chatId() == null ? "chat_id IS NULL" : "chat_id = :chat";
        String detail = e.detail() == null ? "detail IS NULL" : "detail = :detail";
        Update update = h.createUpdate("UPDATE audit SET attempts = attempts + :attempts, last_at = :last WHERE id = "
                        + "(SELECT MAX(id) FROM audit WHERE user_id = :user AND outcome = :outcome AND at >= :since AND "
                        + chat + " AND " + detail + ")")
                .bind("attempts", f.attempts).bind("last", f.last.toEpochMilli()).bind("user", e.userId())
                .bind("outcome", e.outcome().name()).bind("since", e.at().minus(FOLD_SPAN).toEpochMilli());
        if (e.chatId() != null) {
            update.bind("chat", e.chatId());
        }
        if (e.detail() != null) {
            update.bind("detail", e.detail());
        }
        return update.execute();
    }

    private static void insert(Handle h, AuditEntry e, int attempts, Instant last) {
        h.createUpdate(INSERT).bind("at", e.at().toEpochMilli()).bind("last", last.toEpochMilli()).bind("attempts", attempts)
                .bind("user", e.userId()).bind("chat", e.chatId()).bind("action", e.action())
                .bind("outcome", e.outcome().name()).bind("detail", e.detail()).execute();
    }

    /** The newest rows first, by their last attempt. */
    List<AuditRow> latest(int count) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, last_at, attempts, user_id, chat_id, action, outcome, detail "
                        + "FROM audit ORDER BY last_at DESC, id DESC LIMIT :n").bind("n", count)
                .map((rs, ctx) -> new AuditRow(Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getInt(3), rs.getLong(4), (Long) rs.getObject(5, Long.class), rs.getString(6),
                        AuditEntry.Outcome.valueOf(rs.getString(7)), rs.getString(8))).list());
    }
}
