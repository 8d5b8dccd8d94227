package org.iterwatch.monitor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.iterwatch.config.IterwatchException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/** A Quartz scheduler whose JDBC job store lives in our own database and pool. */
public final class QuartzFactory {
    private static final String DATA_SOURCE = "iterwatch";

    private QuartzFactory() {
    }

    static Scheduler create(DataSource dataSource, int threads) {
        return create(dataSource, "iterwatch", "monitor", threads, Duration.ofSeconds(5));
    }

    /**
     * A scheduler of its own name on the same job store (tables QRTZ_*; rows told apart by the name), set up alike
     * on H2 and on a shared PostgreSQL.
     *
     * @param misfireThreshold how late a trigger may fire before it counts as missed
     */
    public static Scheduler create(DataSource dataSource, String name, String threadPrefix, int threads,
                                   Duration misfireThreshold) {
        // Quartz looks data sources up by name; registering ours avoids a second pool.
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new Provider(dataSource));
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", name);
        boolean postgres = isPostgres(dataSource);
        // On a shared PostgreSQL only the active instance starts its scheduler; clustered mode (row locks on
        // QRTZ_LOCKS, check-ins) keeps a scheduler started by mistake on a second instance from corrupting the
        // tables, and lets the next active one take over the triggers a dead one had acquired.
        p.put("org.quartz.scheduler.instanceId", postgres ? "AUTO" : "iterwatch");
        p.put("org.quartz.jobStore.isClustered", String.valueOf(postgres));
        p.put("org.quartz.jobStore.clusterCheckinInterval", "2000");
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", String.valueOf(postgres));
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.put("org.quartz.threadPool.threadNamePrefix", threadPrefix);
        // Hundreds of monitors fire every few seconds: acquiring their triggers a few at a time (each acquisition is
        // a transaction on the job store) halves the scheduler's own CPU; a trigger may fire up to 100 ms early.
        p.put("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(threads));
        p.put("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "100");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // PostgreSQL keeps job data in BYTEA columns, which only its own delegate reads.
        p.put("org.quartz.jobStore.driverDelegateClass", postgres ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.useProperties", "true");
        p.put("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        try {
            return new StdSchedulerFactory(p).getScheduler();
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot create the Quartz scheduler " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IterwatchException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    private record Provider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // The pool belongs to the process, which closes it after the scheduler.
        }

        @Override
        public void initialize() {
        }
    }
}
