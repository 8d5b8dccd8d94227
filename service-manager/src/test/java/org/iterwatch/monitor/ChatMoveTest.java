package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group that became a supergroup takes its charts along; a move to itself changes nothing. */
class ChatMoveTest {
    static final long GROUP = -4001;
    static final long SUPERGROUP = -1_000_000_004_001L;
    MonitorRepository repository;
    MonitorRow chart;
    MonitorRow other;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        MonitorSchema.migrate(ds);
        repository = new MonitorRepository(Jdbi.create(ds));
        chart = repository.insert("airy.x0.6", null, MonitorOptions.DEFAULTS, 7);
        other = repository.insert("airy.x0.7", null, MonitorOptions.DEFAULTS, 7);
    }

    @Test
    void aChatMovedToItselfKeepsEveryChartAndMessage() {
        repository.follow(chart.id(), SUPERGROUP, null);
        repository.follow(other.id(), SUPERGROUP, null);
        repository.shown(chart.id(), new ShownMessage(SUPERGROUP, 55, "h"));

        repository.moveChat(SUPERGROUP, SUPERGROUP);

        assertThat(repository.followers(chart.id())).containsExactly(new Follower(SUPERGROUP, null, 55L, "h"));
        assertThat(repository.followers(other.id())).containsExactly(new Follower(SUPERGROUP, null, null, null));
    }

    @Test
    void aMovedGroupsChartsFollowItAndAreSentAnewThere() {
        repository.follow(chart.id(), GROUP, null);
        repository.shown(chart.id(), new ShownMessage(GROUP, 55, "h"));
        repository.follow(other.id(), GROUP, null);
        repository.follow(other.id(), SUPERGROUP, null);
        repository.shown(other.id(), new ShownMessage(SUPERGROUP, 9, "k"));

        repository.moveChat(GROUP, SUPERGROUP);

        assertThat(repository.followers(chart.id())).containsExactly(new Follower(SUPERGROUP, null, null, null));
        assertThat(repository.followers(other.id())).containsExactly(new Follower(SUPERGROUP, null, 9L, "k"));
    }
}
