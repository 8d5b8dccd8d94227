package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;

import java.time.Duration;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3: a monitor that keeps failing gives up once and loudly; a silent topic is reported stalled, once.
 * One iterwatch serves both tests; each watches a topic of its own and counts only that topic's notices.
 */
class SupervisionTest {
    static final long ADMIN = 4001;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure("monitors: {failureLimit: 3}").perClass();

    @Test
    void aMonitorFailingAgainAndAgainEndsFailedWithOneAlertAndStartRevivesIt(Iterwatch iterwatch, FakeTelegram telegram,
                                                                              KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("failing");
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 10));
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 10 points");

        kafka.deleteTopic(t); // every read fails from now on

        chat.awaitMessages(ADMIN, 1, t, "failed and stopped");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: FAILED");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("failed"), Iterwatch.TIMEOUT, "the chart shows 'failed'");
        // Nothing to wait for: the backoff would have tried again several times by now.
        ChatView.letTimePass(Duration.ofSeconds(2));
        assertThat(chat.count(ADMIN, t, "failed and stopped")).isEqualTo(1);
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t).contains("failed");

        kafka.createTopic(t);
        kafka.produce(t, batch(1, 7));
        long started = chat.count(ADMIN, "Started", t);
        telegram.userSends(ADMIN, "/start " + t);
        chat.awaitMessages(ADMIN, started + 1, "Started", t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 7 points");
        // the new topic is a new calculation; that notice may overtake the reply (alerts go first)
        chat.awaitMessages(ADMIN, 1, t, "restarted");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RUNNING");
        assertThat(chat.count(ADMIN, t, "failed and stopped")).isEqualTo(1);
    }

    @Test
    void silenceForTheStallPeriodRaisesOneStalledAndNewDataOneResumed(Iterwatch iterwatch, KafkaBroker kafka,
                                                                      ChatView chat) {
        String t = KafkaBroker.uniqueTopic("stall");
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 10));
        assertThat(iterwatch.ask(ADMIN, "/add " + t + " stall=2s")).contains("Added");
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 10 points");

        chat.awaitMessages(ADMIN, 1, t, "stalled");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: STALLED").contains("stall=2s");
        // The silence is the point: longer than the stall period, and the notice must not be repeated.
        ChatView.letTimePass(Duration.ofSeconds(3));
        assertThat(chat.count(ADMIN, t, "stalled")).isEqualTo(1);
        assertThat(chat.count(ADMIN, t, "resumed")).isZero();

        kafka.produce(t, batch(2, 10));

        chat.awaitMessages(ADMIN, 1, t, "resumed");
        chat.awaitChart(ADMIN, chart, t + " \u2014 20 points");
        assertThat(chat.count(ADMIN, t, "resumed")).isEqualTo(1);
        assertThat(chat.count(ADMIN, t, "stalled")).isEqualTo(1);
    }
}
