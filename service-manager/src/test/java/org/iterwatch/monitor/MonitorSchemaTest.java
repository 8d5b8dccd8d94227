package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MonitorSchemaTest {
    @Test
    void migratesQuartzAndMonitorTablesOnceAndKeepsFollowers() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        MonitorSchema.migrate(ds);
        MonitorSchema.migrate(ds);
        Jdbi jdbi = Jdbi.create(ds);
        MonitorRepository repository = new MonitorRepository(jdbi);

        MonitorRow row = repository.insert("airy.x0.6", null, MonitorOptions.DEFAULTS, 7);
        repository.follow(row.id(), 100, null);
        repository.follow(row.id(), 100, null);
        repository.shown(row.id(), new ShownMessage(100, 55, "h"));

        assertThat(repository.followers(row.id())).containsExactly(new Follower(100, null, 55L, "h"));
        List<String> tables = jdbi.withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'QRTZ_%'").mapTo(String.class).list());
        assertThat(tables).contains("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_LOCKS");
        repository.delete(row.id());
        assertThat(repository.followers(row.id())).isEmpty();
    }

    @Test
    void theSchedulersSearchForDueTriggersUsesAnIndexOnH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        MonitorSchema.migrate(ds);

        // Quartz's own query (StdJDBCDelegate.SELECT_NEXT_TRIGGER_TO_ACQUIRE), run on every acquisition.
        String plan = Jdbi.create(ds).withHandle(h -> h.createQuery("EXPLAIN SELECT TRIGGER_NAME, TRIGGER_GROUP, "
                + "NEXT_FIRE_TIME, PRIORITY FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'iterwatch' AND TRIGGER_STATE = 'WAITING' "
                + "AND NEXT_FIRE_TIME <= 1 AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR != -1 AND NEXT_FIRE_TIME >= 0)) "
                + "ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC").mapTo(String.class).one());

        assertThat(plan).contains("IDX_QRTZ_T_NFT_ST").doesNotContain("tableScan");
    }
}
