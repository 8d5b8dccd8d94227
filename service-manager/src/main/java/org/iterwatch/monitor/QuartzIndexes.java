package org.iterwatch.monitor;

import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * The indexes Quartz's PostgreSQL script creates and its H2 script lacks, for the two queries a busy scheduler
 * runs on every fire: the next triggers due in a state, and a job's triggers. Without them each acquisition
 * scanned every trigger (500 monitors: 500 rows, 250 times a second).
 */
final class QuartzIndexes extends QuartzMigration {
    QuartzIndexes() {
        super(6, "quartz indexes on h2");
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (isPostgres(context)) {
            return; // PostgreSQL got them with its tables
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE INDEX IDX_QRTZ_T_NFT_ST ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME)");
            statement.execute("CREATE INDEX IDX_QRTZ_T_J ON QRTZ_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP)");
        }
    }
}
