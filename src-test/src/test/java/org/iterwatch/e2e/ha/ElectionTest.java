package org.iterwatch.e2e.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.iterwatch.bot.BotSchema;
import org.iterwatch.bot.ha.Election;
import org.iterwatch.config.OwnedThreads;
import org.iterwatch.e2e.process.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The election on a real PostgreSQL, in this JVM: one active of two, a clean stop hands over at once, and an
 * instance whose fencing token was overtaken steps down at its next renewal and no longer holds the fence.
 */
class ElectionTest {
    static final Duration LEASE = Duration.ofSeconds(2);
    final SharedPostgres.Database database = SharedPostgres.freshDatabase();
    final PGSimpleDataSource dataSource = dataSource(database);
    final Side a = new Side();
    final Side b = new Side();
    final Election first = election("a", a);
    final Election second = election("b", b);

    /** The active side an election switches, counted. */
    static final class Side {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        boolean running() {
            return starts.get() > stops.get();
        }
    }

    @AfterEach
    void close() {
        first.stop();
        second.stop();
        SharedPostgres.drop(database);
    }

    @Test
    void oneOfTwoIsActiveAndACleanStopHandsOverAtOnce() throws Exception {
        first.start(new OwnedThreads("election a"));
        await(() -> a.running() && first.holds(), "a active");
        second.start(new OwnedThreads("election b"));
        Thread.sleep(LEASE.toMillis());
        assertThat(b.running()).as("b while a renews").isFalse();
        assertThat(second.holds()).isFalse();
        assertThat(second.activeInstance()).isEqualTo("a");

        long stopped = System.nanoTime();
        first.stop();
        assertThat(a.running()).isFalse();
        await(() -> b.running() && second.holds(), "b active");
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("handover after a clean stop")
                .isLessThan(LEASE);
        assertThat(second.failovers()).as("a handover is no failover").isZero();
    }

    @Test
    void anInstanceWhoseTokenWasOvertakenStepsDownAndNoLongerHoldsTheFence() throws Exception {
        first.start(new OwnedThreads("election a"));
        await(() -> a.running() && first.holds(), "a active");

        // What a takeover after an expiry looks like to the holder: another token, another holder.
        execute("UPDATE instance_lease SET holder = 'x', token = token + 1, expires_at = expires_at + 60000");

        await(() -> !a.running(), "a stepped down");
        assertThat(first.holds()).isFalse();
        assertThat(first.active()).isFalse();
        await(() -> first.activeInstance().equals("x"), "a reports x as active");
    }

    private Election election(String name, Side side) {
        Election election = new Election(dataSource, name, LEASE);
        election.governs(side.starts::incrementAndGet, side.stops::incrementAndGet);
        return election;
    }

    private static PGSimpleDataSource dataSource(SharedPostgres.Database database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(database.url());
        ds.setUser(database.user());
        ds.setPassword(database.password());
        BotSchema.migrate(ds);
        return ds;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
