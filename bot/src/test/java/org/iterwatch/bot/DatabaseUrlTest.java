package org.iterwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseUrlTest {

    @TempDir
    Path dir;

    @Test
    void aFileDatabaseSurvivesAWriterThatIsInterrupted() throws Exception {
        String url = StorageWiring.h2Url("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        try (Connection main = DriverManager.getConnection(url)) {
            execute(main, "CREATE TABLE t(id INT, v VARCHAR(1000))");
            AtomicReference<Exception> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> insertWhileInterrupted(url, writerFailure));
            writer.start();
            writer.join();

            assertThat(writerFailure.get()).isNull();
            try (Statement s = main.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(100);
            }
        }
    }

    @Test
    void commitsReachTheFileAtOnceAndTheDatabaseOutlivesTheJvmHook() {
        assertThat(StorageWiring.h2Url("jdbc:h2:file:/x/db"))
                .isEqualTo("jdbc:h2:async:/x/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(StorageWiring.h2Url("jdbc:h2:async:/x/db;WRITE_DELAY=100"))
                .isEqualTo("jdbc:h2:async:/x/db;WRITE_DELAY=100;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(StorageWiring.h2Url("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void theLoggedUrlCarriesNoCredentials() {
        assertThat(org.iterwatch.bot.storage.DatabasePool.forLog("jdbc:postgresql://db:5432/iterwatch?user=iw&password=s3cret-pass&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/iterwatch?user=***&password=***&ssl=true");
        assertThat(org.iterwatch.bot.storage.DatabasePool.forLog("jdbc:postgresql://db/iterwatch")).isEqualTo("jdbc:postgresql://db/iterwatch");
    }

    private static void insertWhileInterrupted(String url, AtomicReference<Exception> failure) {
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < 100; i++) {
                // Shutdown interrupts busy workers; their commits must not take the database down.
                Thread.currentThread().interrupt();
                execute(c, "INSERT INTO t VALUES (" + i + ", REPEAT('x', 900))");
                Thread.interrupted();
            }
        } catch (SQLException e) {
            failure.set(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
