package org.iterwatch.bot.ha;

import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The lease row on PostgreSQL. Every comparison uses the database's clock, so instances on machines whose
 * clocks disagree still see the same expiry; each statement is one atomic UPDATE, so two instances racing for
 * an expired lease cannot both win.
 */
final class LeaseTable {
    private static final String NOW = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    private final Jdbi jdbi;

    LeaseTable(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    record Holder(String name, boolean live, long failovers) {
    }

    /** Takes the lease when it ran out or was released; returns the new fencing token. */
    OptionalLong acquire(String me, Duration lease) {
        return jdbi.withHandle(h -> {
            var tokens = h.createQuery("UPDATE instance_lease SET holder = :me, token = token + 1, "
                            + "failovers = failovers + CASE WHEN holder <> '' THEN 1 ELSE 0 END, "
                            + "expires_at = " + NOW + " + :lease WHERE id = 1 AND expires_at < " + NOW + " RETURNING token")
                    .bind("me", me).bind("lease", lease.toMillis()).mapTo(Long.class).list();
            return tokens.isEmpty() ? OptionalLong.empty() : OptionalLong.of(tokens.get(0));
        });
    }

    /** Extends the lease of {@code token}; false when it ran out or another instance holds it now. */
    boolean renew(long token, Duration lease) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE instance_lease SET expires_at = " + NOW + " + :lease "
                        + "WHERE id = 1 AND token = :token AND expires_at >= " + NOW)
                .bind("lease", lease.toMillis()).bind("token", token).execute()) == 1;
    }

    /** Hands the lease over at once (a clean shutdown): the next instance need not wait for it to run out. */
    void release(long token) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE instance_lease SET holder = '', expires_at = 0 WHERE id = 1 AND token = :token")
                .bind("token", token).execute());
    }

    Holder holder() {
        return jdbi.withHandle(h -> h.createQuery("SELECT holder, expires_at >= " + NOW + ", failovers FROM instance_lease WHERE id = 1")
                .map((rs, ctx) -> new Holder(rs.getString(1), rs.getBoolean(2), rs.getLong(3))).one());
    }
}
