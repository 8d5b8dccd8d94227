package org.iterwatch.e2e.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.ChatView.toChat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Installation;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11: two iterwatch processes on one PostgreSQL database, one active. The active one is killed (-9)
 * while alerts go to both and monitors run; the standby takes over where it stopped.
 */
class FailoverTest {
    static final long[] SUBSCRIBERS = {11_001, 11_002, 11_003};
    static final long ADMIN = SUBSCRIBERS[0];
    static final int ALERTS = 300;
    static final Duration TAKEOVER = Duration.ofSeconds(10);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(SUBSCRIBERS).onPostgres()
            .configure(Solvers.QUICK_ALERTS);

    @Test
    void theStandbyTakesOverAKilledActiveWithinTenSecondsAndLosesNothing(Installation installation, Iterwatch a,
                                                                         FakeTelegram telegram, KafkaBroker kafka,
                                                                         ChatView chat) {
        Iterwatch b = installation.secondInstance().start();
        assertThat(Solvers.health(a)).contains("\"role\":\"active\"", "\"instance\":\"a\"");
        assertThat(Solvers.health(b)).contains("\"role\":\"standby\"", "\"instance\":\"b\"", "\"active\":\"a\"");
        for (long user : SUBSCRIBERS) {
            assertThat(a.ask(user, "/subscribe ha")).contains("Subscribed");
        }
        List<String> topics = List.of(KafkaBroker.uniqueTopic("ha1"), KafkaBroker.uniqueTopic("ha2"),
                KafkaBroker.uniqueTopic("ha3"));
        long[] charts = new long[topics.size()];
        for (int i = 0; i < topics.size(); i++) {
            kafka.createTopic(topics.get(i));
            assertThat(a.ask(ADMIN, "/add " + topics.get(i))).contains("Added a monitor");
            assertThat(a.ask(ADMIN, "/start " + topics.get(i))).contains("Started");
            charts[i] = chat.pinnedChart(ADMIN, topics.get(i));
            kafka.produce(topics.get(i), batch(1, 10));
            chat.awaitChart(ADMIN, charts[i], topics.get(i) + " \u2014 10 points");
        }

        Solvers solvers = new Solvers(a, b);
        solvers.post("ha", 1, ALERTS / 2);
        for (long user : SUBSCRIBERS) {
            telegram.await(() -> Solvers.alerts(chat, user).size() >= 30, Duration.ofSeconds(60), "30 alerts to " + user);
        }
        telegram.userSends(SUBSCRIBERS[1], "/subscribe at-the-kill");
        Instant killed = Instant.now();
        a.kill();
        solvers.post("ha", ALERTS / 2 + 1, ALERTS);

        telegram.await(() -> Solvers.isActive(b), TAKEOVER, "b active within " + TAKEOVER.toSeconds() + " s of the kill");
        assertThat(Duration.between(killed, Instant.now())).isLessThanOrEqualTo(TAKEOVER);
        for (String topic : topics) {
            kafka.produce(topic, batch(2, 10));
        }
        for (long user : SUBSCRIBERS) {
            telegram.await(() -> Solvers.alerts(chat, user).stream().distinct().count() >= ALERTS,
                    Duration.ofSeconds(120), ALERTS + " alerts to " + user);
        }
        // A chart goes after the alerts waiting for its chat (ADMIN follows the alerts too): looked at once they are
        // out, or a slow machine's backlog of alerts would be taken for a chart that does not go on.
        for (int i = 0; i < topics.size(); i++) {
            chat.awaitChart(ADMIN, charts[i], topics.get(i) + " \u2014 20 points");
        }
        telegram.await(() -> Solvers.health(b).contains("\"pendingAlerts\":0"), Iterwatch.TIMEOUT, "no pending alerts");

        for (long user : SUBSCRIBERS) {
            Solvers.assertAllInOrder(chat, user, ALERTS, 1);
        }
        assertThat(telegram.calls("sendPhoto").stream().filter(c -> toChat(c, ADMIN)))
                .as("the charts go on in the messages they were in: no new photo").hasSize(topics.size());
        assertThat(telegram.callsWith(telegram.token()).stream().filter(c -> c.receivedAt().isAfter(killed)))
                .as("nothing from the killed instance").isEmpty();
        List<ApiCall> conflicts = telegram.calls("getUpdates").stream().filter(c -> c.status() == 409).toList();
        List<ApiCall> pollsOfA = telegram.callsWith(telegram.token()).stream()
                .filter(c -> c.method().equals("getUpdates")).toList();
        assertThat(conflicts).as("no 409 while both ran; at most one, to the poll the killed instance left waiting")
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(c -> assertThat(c.seq()).isEqualTo(pollsOfA.get(pollsOfA.size() - 1).seq()));
        telegram.await(() -> chat.count(SUBSCRIBERS[1], "at-the-kill") >= 1, Iterwatch.TIMEOUT,
                "the command sent at the kill answered");
        assertThat(chat.count(SUBSCRIBERS[1], "at-the-kill")).as("that command ran once").isEqualTo(1);
        assertThat(b.log().orElseThrow()).contains("this instance (b) is active now");
        assertThat(Solvers.metrics(b)).contains("iterwatch_instance_active{instance=\"b\"} 1.0")
                .contains("iterwatch_failovers_total 1.0");
    }
}
