package org.iterwatch.subscription;

import java.time.Instant;

/** One stored row of the audit trail, as /audit shows it: folded refusals carry their count and last time. */
public record AuditRow(Instant at, Instant lastAt, int attempts, long userId, Long chatId, String action,
                       AuditEntry.Outcome outcome, String detail) {
}
