package org.iterwatch.bot.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * The process's connection pool. H2 closes its database for good when a write fails (a full disk) and
 * every pooled connection stays dead; HikariCP does not know H2's codes for that. So the first
 * connection that shows it makes the pool drop them all, and the next connection opens the database
 * again (once there is space, it works). Every storage failure a connection sees is reported to the
 * health, whichever part of iterwatch ran into it.
 */
public final class DatabasePool {
    private static final int SIZE = 10;

    private DatabasePool() {
    }

    public static HikariDataSource open(String jdbcUrl, StorageHealth health) {
        return open(jdbcUrl, null, "", health);
    }

    /** With credentials for a database server (PostgreSQL); the password is handed to the driver only. */
    public static HikariDataSource open(String jdbcUrl, String user, String password, StorageHealth health) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (!password.isEmpty()) {
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(SIZE);
        hikari.setPoolName("iterwatch-db");
        ReopenClosedDatabase reopen = new ReopenClosedDatabase(health);
        hikari.setExceptionOverride(reopen);
        HikariDataSource pool = new HikariDataSource(hikari);
        reopen.pool = pool;
        return pool;
    }

    /** A JDBC URL may carry user and password as parameters; the log gets it without them. */
    public static String forLog(String url) {
        return url.replaceAll("(?i)([?&;](password|user)=)[^&;]*", "$1***");
    }

    private static final class ReopenClosedDatabase implements SQLExceptionOverride {
        private final StorageHealth health;
        private volatile HikariDataSource pool;

        ReopenClosedDatabase(StorageHealth health) {
            this.health = health;
        }

        // No @Override here: inside this class the name is SQLExceptionOverride's enum.
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            health.failed(e);
            if (!StorageFailures.closesDatabase(e)) {
                return SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
            HikariDataSource p = pool;
            HikariPoolMXBean connections = p == null ? null : p.getHikariPoolMXBean();
            if (connections != null) {
                // Idle ones are closed now, busy ones (this one too) when they are handed back: whoever
                // holds one may still roll back and clean up, and hears H2's reason, not "connection closed".
                connections.softEvictConnections();
            }
            return SQLExceptionOverride.Override.DO_NOT_EVICT;
        }
    }
}
