package org.iterwatch.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The audit table. */
final class AuditStore {
    private static final String INSERT = "INSERT INTO audit (at, user_id, chat_id, action, outcome, detail) "
            + "VALUES (:at, :user, :chat, :action, :outcome, :detail)";
    private final Jdbi jdbi;

    AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(List<AuditEntry> entries) {
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            entries.forEach(e -> bind(batch, e).add());
            batch.execute();
        });
    }

    /** In the caller's transaction, so a change of people and its audit line are stored together. */
    static void insert(Handle h, AuditEntry e) {
        var update = h.createUpdate(INSERT);
        update.bind("at", e.at().toEpochMilli()).bind("user", e.userId()).bind("chat", e.chatId())
                .bind("action", e.action()).bind("outcome", e.outcome().name()).bind("detail", e.detail()).execute();
    }

    /** The last time each stranger was told their id, since {@code since}. */
    Map<Long, Instant> told(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, MAX(at) FROM audit WHERE outcome = 'TOLD_ID' "
                        + "AND at >= :since GROUP BY user_id").bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static PreparedBatch bind(PreparedBatch batch, AuditEntry e) {
        return batch.bind("at", e.at().toEpochMilli()).bind("user", e.userId()).bind("chat", e.chatId())
                .bind("action", e.action()).bind("outcome", e.outcome().name()).bind("detail", e.detail());
    }
}
