package org.iterwatch.bot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool on a real H2 file, as the process opens it. H2 closes a database for good when a write
 * fails (a full disk); here it is closed the same way from inside, and the pool must open it again.
 */
class DatabasePoolTest {
    @TempDir
    Path dir;
    StorageHealth health;
    HikariDataSource pool;

    @BeforeEach
    void open() throws SQLException {
        health = new StorageHealth(Clock.systemUTC(), dir);
        // The URL the process uses (async: file system, no close on exit, no write delay).
        pool = DatabasePool.open("jdbc:h2:async:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                health);
        Flyway.configure().dataSource(pool).locations("classpath:org/iterwatch/bot/db").load().migrate();
        execute("CREATE TABLE event (id INT PRIMARY KEY)");
        // Every connection of the pool is opened and used once, so all of them knew the old database.
        Connection[] all = new Connection[10];
        for (int i = 0; i < all.length; i++) {
            all[i] = pool.getConnection();
            try (Statement s = all[i].createStatement()) {
                s.execute("INSERT INTO event VALUES (" + i + ")");
            }
        }
        for (Connection c : all) {
            c.close();
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aDatabaseClosedUnderThePoolIsOpenedAgainAndKeepsItsRows() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException expected) {
            // the connection it ran on is gone with the database
        }

        for (int i = 10; i < 30; i++) {
            execute("INSERT INTO event VALUES (" + i + ")");
        }
        assertThat(count()).isEqualTo(30);
    }

    @Test
    void theHealthHearsOfTheClosedDatabaseAndATestWriteEndsIt() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException expected) {
            // as above
        }
        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("storage failing since "));

        health.probe(pool);

        assertThat(health.problem()).isEmpty();
        assertThat(count()).isEqualTo(10);
    }

    @Test
    void aBadStatementIsNoStorageFailure() throws SQLException {
        assertThatThrownBy(() -> execute("INSERT INTO event VALUES (1)")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(23505));

        assertThat(health.problem()).isEmpty();
        execute("INSERT INTO event VALUES (10)");
        assertThat(count()).isEqualTo(11);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM event")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
