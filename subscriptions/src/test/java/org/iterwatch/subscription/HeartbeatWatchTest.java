package org.iterwatch.subscription;

import org.iterwatch.config.OwnedThreads;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The heartbeat watch on a real H2 database, with a clock the test moves instead of sleeping. */
class HeartbeatWatchTest {
    final Tick clock = new Tick();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final ChatSender recording = new ChatSender() {
        @Override
        public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
            sent.add(html);
            return new Result.Sent(sent.size());
        }

        @Override
        public Result edit(long chatId, long messageId, String html, List<Button> buttons) {
            return new Result.Sent(messageId);
        }
    };
    final DataSource db = database();

    /** The database of each test: H2 here, PostgreSQL in {@link HeartbeatWatchOnPostgresTest}. */
    DataSource database() {
        return OutboxTest.h2();
    }

    @Test
    void silenceIsCountedFromTheLastSignOfLifeAndOnlyPastTheGrace() {
        Alerts alerts = new Alerts(db, recording, clock);
        alerts.subscribe(1, null, "s", 1);
        alerts.accept(new SolverEvent("s", SolverEvent.Kind.STARTED, null, null, "h", null, 10, null));
        clock.advance(Duration.ofSeconds(25));
        alerts.accept(new SolverEvent("s", SolverEvent.Kind.HEARTBEAT, null, null, "h", null, null, null));
        clock.advance(Duration.ofSeconds(30));
        assertThat(alerts.checkHeartbeats()).as("exactly 3 periods silent").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(alerts.checkHeartbeats()).isEqualTo(1);
        assertThat(alerts.checkHeartbeats()).isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(alerts.checkHeartbeats()).as("still the same silence").isZero();
    }

    @Test
    void aRestartOfIterwatchIsNotTheSolversSilenceButAnOldSuspicionStands() throws InterruptedException {
        Alerts before = new Alerts(db, recording, clock);
        before.subscribe(1, null, "*", 1);
        before.accept(new SolverEvent("quiet", SolverEvent.Kind.STARTED, null, null, "h", null, 1, null));
        before.accept(new SolverEvent("lost", SolverEvent.Kind.STARTED, null, null, "h", null, 1, null));
        clock.advance(Duration.ofSeconds(4));
        before.accept(new SolverEvent("quiet", SolverEvent.Kind.HEARTBEAT, null, null, "h", null, null, null));
        assertThat(before.checkHeartbeats()).as("lost is suspected").isEqualTo(1);

        // iterwatch is down for a minute; heartbeats sent meanwhile never arrived.
        clock.advance(Duration.ofMinutes(1));
        Alerts after = new Alerts(db, recording, clock);
        after.freshGraces();
        after.outbox().start(new OwnedThreads("outbox"));
        try {
            assertThat(after.checkHeartbeats()).isZero();
            clock.advance(Duration.ofMillis(3001));
            assertThat(after.checkHeartbeats()).as("quiet, silent for a whole grace since the restart").isEqualTo(1);
            after.accept(new SolverEvent("lost", SolverEvent.Kind.HEARTBEAT, null, null, "h", null, null, null));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sent.stream().noneMatch(h -> h.contains("<b>lost</b> is back")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sent).filteredOn(h -> h.contains("<b>lost</b>")).hasSize(3)
                    .last().asString().contains("is back");
        } finally {
            after.outbox().stop();
        }
    }

    /** A clock that moves only when told. */
    static final class Tick extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
