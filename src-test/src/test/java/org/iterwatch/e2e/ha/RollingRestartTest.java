package org.iterwatch.e2e.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Installation;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11: a rolling restart. SIGTERM hands over at once: the active side stops, finishing what it sent, and
 * the lease is released, so the standby takes over within 3 s and nothing is repeated or lost.
 */
class RollingRestartTest {
    static final long[] SUBSCRIBERS = {11_301, 11_302, 11_303};
    static final long ADMIN = SUBSCRIBERS[0];
    /** Given a role at runtime (/allow), not by the configuration. */
    static final long VIEWER = 11_399;
    /** A clean shutdown (SIGTERM) releases the lease: the other instance is active at once. */
    static final Duration HANDOVER = Duration.ofSeconds(3);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(SUBSCRIBERS).onPostgres()
            .configure(Solvers.QUICK_ALERTS);

    @Test
    void aRollingRestartHandsOverWithinThreeSecondsEachTimeAndRepeatsNothing(Installation installation, Iterwatch a,
                                                                            FakeTelegram telegram, ChatView chat) {
        Iterwatch b = installation.secondInstance().start();
        for (long user : SUBSCRIBERS) {
            assertThat(a.ask(user, "/subscribe ha")).contains("Subscribed");
        }
        assertThat(a.ask(ADMIN, "/allow " + VIEWER + " viewer")).contains(String.valueOf(VIEWER));
        Solvers solvers = new Solvers(a, b);
        solvers.post("ha", 1, 20);

        Instant stopping = Instant.now();
        a.stop();
        assertThat(firstCall(telegram, telegram.secondToken(), stopping)).as("b acts after a's SIGTERM")
                .isLessThanOrEqualTo(HANDOVER);
        solvers.post("ha", 21, 40);
        assertThat(b.ask(VIEWER, "/status")).as("b knows whom a allowed while b was standby")
                .contains("No monitors yet");
        a.start();
        assertThat(Solvers.health(a)).contains("\"role\":\"standby\"");

        Instant stoppingB = Instant.now();
        b.stop();
        assertThat(firstCall(telegram, telegram.token(), stoppingB)).as("a acts after b's SIGTERM")
                .isLessThanOrEqualTo(HANDOVER);
        solvers.post("ha", 41, 60);
        Solvers.awaitAlerts(telegram, chat, SUBSCRIBERS, 60);
        for (long user : SUBSCRIBERS) {
            Solvers.assertAllInOrder(chat, user, 60, 0);
        }
    }

    /**
     * How long after {@code since} the instance with this token first called Telegram: the moment it acts as the
     * active one (as in FailoverBenchmark).
     */
    private static Duration firstCall(FakeTelegram telegram, String token, Instant since) {
        telegram.await(() -> telegram.callsWith(token).stream().anyMatch(c -> c.receivedAt().isAfter(since)),
                Duration.ofSeconds(10), "a call after " + since);
        return telegram.callsWith(token).stream().filter(c -> c.receivedAt().isAfter(since)).findFirst()
                .map(c -> Duration.between(since, c.receivedAt())).orElseThrow();
    }

}
