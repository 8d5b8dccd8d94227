package org.iterwatch.subscription;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Which topics a solver writes, and whether its last run ended: the context of its alerts and of its topics' silence. */
final class SolverLinks {
    private final Jdbi jdbi;

    SolverLinks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void link(String solver, String topic, long now) {
        jdbi.useTransaction(h -> {
            if (h.execute("UPDATE solver_topic SET linked_at = ? WHERE solver = ? AND topic = ?", now, solver, topic) == 0) {
                h.execute("INSERT INTO solver_topic (solver, topic, linked_at) VALUES (?, ?, ?)", solver, topic, now);
            }
        });
    }

    boolean unlink(String solver, String topic) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM solver_topic WHERE solver = ? AND topic = ?", solver, topic)) > 0;
    }

    /** The solver's topics, the most recently linked first. */
    List<String> topics(String solver) {
        return jdbi.withHandle(h -> h.createQuery("SELECT topic FROM solver_topic WHERE solver = :s "
                + "ORDER BY linked_at DESC, topic").bind("s", solver).mapTo(String.class).list());
    }

    void ran(String solver, boolean ended, long now) {
        jdbi.useTransaction(h -> {
            if (h.execute("UPDATE solver_run SET ended = ?, at = ? WHERE solver = ?", ended, now, solver) == 0) {
                h.execute("INSERT INTO solver_run (solver, ended, at) VALUES (?, ?, ?)", solver, ended, now);
            }
        });
    }

    /** True when a solver writing this topic reported its end and none of them runs again since. */
    boolean ended(String topic) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FILTER (WHERE r.ended), COUNT(*) FILTER (WHERE NOT r.ended) "
                        + "FROM solver_topic t JOIN solver_run r ON r.solver = t.solver WHERE t.topic = :t")
                .bind("t", topic).map((rs, ctx) -> rs.getLong(1) > 0 && rs.getLong(2) == 0).one());
    }
}
