package org.iterwatch.monitor;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** This module's tables (monitors and Quartz's job store), migrated with their own history table. */
public final class MonitorSchema {
    private MonitorSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("monitor_schema_history")
                .locations("classpath:org/iterwatch/monitor/db")
                .javaMigrations(new QuartzTables(), new QuartzIndexes())
                .load()
                .migrate();
    }
}
