package org.iterwatch.bot.digest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.iterwatch.config.IterwatchException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * A Quartz scheduler of its own for the digests, on the same JDBC job store (tables QRTZ_*) as the monitors'
 * under another scheduler name, so digests neither wait for monitor threads nor touch monitor jobs.
 */
final class DigestScheduler {
    private static final String DATA_SOURCE = "iterwatch-digests";

    private DigestScheduler() {
    }

    static Scheduler create(DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new Provider(dataSource));
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "iterwatch-digests");
        p.put("org.quartz.scheduler.instanceId", "iterwatch");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "1");
        p.put("org.quartz.threadPool.threadNamePrefix", "digest");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.useProperties", "true");
        p.put("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            return new StdSchedulerFactory(p).getScheduler();
        } catch (SchedulerException e) {
            throw new IterwatchException("cannot create the digests' Quartz scheduler: " + e.getMessage(), e);
        }
    }

    private record Provider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the process
        }

        @Override
        public void initialize() {
        }
    }
}
