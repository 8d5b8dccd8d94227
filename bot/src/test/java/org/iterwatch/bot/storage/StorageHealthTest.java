package org.iterwatch.bot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What an operator reads while the disk is full: one line when it starts, one a minute, one when it is over. */
class StorageHealthTest {
    static final Exception DISK_FULL = new SQLException("General error: \"Writing to async:/data/iterwatch.mv.db failed\"",
            "HY000", 50000, new IOException("No space left on device"));

    /** What H2 throws on a connection whose database it closed. */
    static final SQLException CLOSED = new SQLException("Database is already closed", "90121", 90121);

    final SettableClock clock = new SettableClock();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(StorageHealth.class);
    @TempDir
    Path dir;
    StorageHealth health;

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
        health = new StorageHealth(clock, dir);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void aLongOutageIsLoggedOnceAMinuteHoweverOftenItFails() {
        for (int second = 0; second < 150; second++) {
            clock.at(Duration.ofSeconds(second));
            for (int i = 0; i < 100; i++) {
                assertThat(health.failed(DISK_FULL)).isTrue();
            }
        }

        assertThat(lines()).containsExactly(
                "storage failing: No space left on device; new events are refused with 503, checked again every 5 s",
                "storage still failing since 2030-01-01 00:00:00 UTC (6000 failures in the last minute): No space left on device",
                "storage still failing since 2030-01-01 00:00:00 UTC (6000 failures in the last minute): No space left on device");
        assertThat(health.problem()).contains("storage failing since 2030-01-01 00:00:00 UTC: No space left on device");
    }

    @Test
    void aTestWriteThatWorksEndsTheOutageWithOneLine() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:health" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:org/iterwatch/bot/db").load().migrate();
        health.failed(DISK_FULL);
        clock.at(Duration.ofSeconds(95));

        health.probe(db);

        assertThat(health.problem()).isEmpty();
        assertThat(lines()).last().isEqualTo("storage works again after 95 s; events are accepted again");
    }

    /** A scheduler that cannot be restarted at the first try must not leave every monitor without ticks for good. */
    @Test
    void whatFailsToBeSetRightAfterAnOutageIsTriedAgainAtTheNextCheck() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:health" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:org/iterwatch/bot/db").load().migrate();
        int[] tries = {0};
        health.onRecovery(() -> {
            if (++tries[0] == 1) {
                throw new IllegalStateException("the scheduler did not start");
            }
        });
        health.failed(DISK_FULL);

        health.probe(db);
        health.probe(db);
        health.probe(db);

        assertThat(tries[0]).as("a failed try, then one that works, then none").isEqualTo(2);
        assertThat(health.problem()).isEmpty();
        assertThat(lines()).anyMatch(l -> l.startsWith("storage works again, but setting things right after it failed "
                + "(tried again in 5 s): java.lang.IllegalStateException: the scheduler did not start"));
    }

    @Test
    void aRefusedStatementIsNotAStorageFailure() {
        assertThat(health.failed(new SQLException("Unique index or primary key violation", "23505", 23505))).isFalse();
        assertThat(health.failed(new IllegalArgumentException("bad"))).isFalse();

        assertThat(health.problem()).isEmpty();
        assertThat(lines()).isEmpty();
    }

    @Test
    void whileStorageFailsWhatOthersLogBecauseOfItIsLeftToTheHealth() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:health" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:org/iterwatch/bot/db").load().migrate();
        Logger quartz = (Logger) LoggerFactory.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX");
        ListAppender<ILoggingEvent> quartzLog = new ListAppender<>();
        quartzLog.start();
        quartz.addAppender(quartzLog);
        health.watch(db);
        health.start(new org.iterwatch.config.OwnedThreads("storage"));
        try {
            quartz.error("Couldn't rollback jdbc connection. Connection is closed", CLOSED);
            health.failed(DISK_FULL);
            quartz.error("Couldn't rollback jdbc connection. Connection is closed", CLOSED);
            quartz.error("Couldn't rollback {}", "jdbc connection", CLOSED);
            quartz.error("not about storage", new IllegalStateException("a bug"));
        } finally {
            health.stop();
        }
        quartz.error("after the health stopped", CLOSED);
        quartz.detachAppender(quartzLog);

        assertThat(quartzLog.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Couldn't rollback jdbc connection. Connection is closed", "not about storage", "after the health stopped");
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    static final class SettableClock extends Clock {
        private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
        private Instant now = START;

        void at(Duration sinceStart) {
            now = START.plus(sinceStart);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
