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
 * Issue 11: fencing. The active instance is frozen (SIGSTOP) for far longer than its lease, as by a long GC pause
 * or a suspended VM; the standby takes over. When it wakes (SIGCONT) it sends nothing and becomes standby.
 */
class PausedActiveTest {
    static final long[] SUBSCRIBERS = {11_201, 11_202, 11_203};
    static final Duration TAKEOVER = Duration.ofSeconds(10);
    /** Far past the lease (5 s): the pause the issue names. */
    static final Duration PAUSE = Duration.ofSeconds(30);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(SUBSCRIBERS).onPostgres()
            .configure(Solvers.QUICK_ALERTS);

    @Test
    void anActivePausedPastItsLeaseSendsNothingWhenItWakesAndBecomesStandby(Installation installation, Iterwatch a,
                                                                           FakeTelegram telegram, ChatView chat) {
        Iterwatch b = installation.secondInstance().start();
        for (long user : SUBSCRIBERS) {
            assertThat(a.ask(user, "/subscribe ha")).contains("Subscribed");
        }
        new Solvers(a, b).post("ha", 1, 20);
        Solvers.awaitAlerts(telegram, chat, SUBSCRIBERS, 20);

        a.process().freeze();
        Instant frozen = Instant.now();
        telegram.await(() -> Solvers.isActive(b), TAKEOVER, "b active while a is frozen");
        new Solvers(b).post("ha", 21, 40);
        Solvers.awaitAlerts(telegram, chat, SUBSCRIBERS, 40);
        Duration rest = Duration.between(Instant.now(), frozen.plus(PAUSE));
        if (!rest.isNegative()) {
            ChatView.letTimePass(rest);
        }
        Instant thawed = Instant.now();
        a.process().thaw();

        a.process().awaitOutput("this instance (a) steps down to standby", Iterwatch.TIMEOUT);
        a.process().awaitOutput("this instance (a) is standby now; active: b", Iterwatch.TIMEOUT);
        assertThat(Solvers.health(a)).contains("\"role\":\"standby\"", "\"active\":\"b\"");
        new Solvers(a, b).post("ha", 41, 60);
        Solvers.awaitAlerts(telegram, chat, SUBSCRIBERS, 60);
        telegram.userSends(SUBSCRIBERS[1], "/subscribe after-the-pause");
        chat.awaitReply(SUBSCRIBERS[1], "after-the-pause");

        assertThat(telegram.callsWith(telegram.token()).stream().filter(c -> c.receivedAt().isAfter(thawed)))
                .as("calls from the instance that woke").isEmpty();
        for (long user : SUBSCRIBERS) {
            Solvers.assertAllInOrder(chat, user, 60, 1);
        }
        assertThat(Solvers.health(b)).contains("\"role\":\"active\"");
        assertThat(telegram.callsWith(telegram.secondToken())).as("409s to the active instance")
                .noneMatch(c -> c.status() == 409);
    }

}
