package org.iterwatch.subscription;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The person table; each change is written with its audit line in one transaction. */
final class PersonStore {
    private final Jdbi jdbi;

    PersonStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Person> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, role, changed_by, changed_at FROM person ORDER BY user_id")
                .map((rs, ctx) -> new Person(rs.getLong(1), Role.parse(rs.getString(2)).orElse(Role.VIEWER),
                        rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4))))
                .list());
    }

    /** Each person's name as shown: "@username", else the first name. */
    java.util.Map<Long, String> names() {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT user_id, username, first_name FROM person_name")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(r -> {
                    String name = r[1] != null ? "@" + r[1] : r[2];
                    if (name != null) {
                        out.put(Long.parseLong(r[0]), name);
                    }
                }));
        return out;
    }

    void name(long userId, String username, String firstName) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM person_name WHERE user_id = ?", userId);
            h.execute("INSERT INTO person_name (user_id, username, first_name) VALUES (?, ?, ?)", userId, username, firstName);
        });
    }

    /** Sets the role, or removes the person when {@code role} is null. */
    void put(long userId, Role role, long by, Instant at, AuditEntry audit) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM person WHERE user_id = ?", userId);
            if (role != null) {
                h.execute("INSERT INTO person (user_id, role, changed_by, changed_at) VALUES (?, ?, ?, ?)",
                        userId, role.label(), by, at.toEpochMilli());
            }
            AuditStore.insert(h, audit);
        });
    }

    void audit(AuditEntry audit) {
        jdbi.useHandle(h -> AuditStore.insert(h, audit));
    }
}
