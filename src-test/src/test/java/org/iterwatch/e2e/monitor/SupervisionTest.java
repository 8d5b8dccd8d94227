package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.monitor.MonitorChat.awaitChart;
import static org.iterwatch.e2e.monitor.MonitorChat.awaitMessages;
import static org.iterwatch.e2e.monitor.MonitorChat.messagesWith;
import static org.iterwatch.e2e.monitor.MonitorChat.pinnedChart;
import static org.iterwatch.e2e.monitor.PinnedChartTest.batch;

import java.nio.file.Path;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: a monitor that keeps failing gives up once and loudly; a silent topic is reported stalled, once. */
@ExtendWith(KafkaBroker.Extension.class)
class SupervisionTest {
    static final long ADMIN = 4001;

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    @TempDir
    Path dir;

    SupervisionTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN);
        MonitorChat.monitorSettings(dir, "failureLimit: 3\n");
        iterwatch.start();
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void aMonitorFailingAgainAndAgainEndsFailedWithOneAlertAndStartRevivesIt() throws InterruptedException {
        String t = KafkaBroker.uniqueTopic("failing");
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 10));
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = pinnedChart(telegram, ADMIN, t);
        awaitChart(telegram, ADMIN, chart, t + " \u2014 10 points");

        kafka.deleteTopic(t); // every read fails from now on

        awaitMessages(telegram, ADMIN, 1, t, "failed and stopped");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: FAILED");
        telegram.await(() -> MonitorChat.caption(telegram, ADMIN, chart).contains("failed"), Iterwatch.TIMEOUT, "the chart shows 'failed'");
        Thread.sleep(2_000); // the backoff would have tried again several times by now
        assertThat(messagesWith(telegram, ADMIN, t, "failed and stopped")).isEqualTo(1);
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t).contains("FAILED");

        kafka.createTopic(t);
        kafka.produce(t, batch(1, 7));
        long started = messagesWith(telegram, ADMIN, "Started", t);
        telegram.userSends(ADMIN, "/start " + t);
        awaitMessages(telegram, ADMIN, started + 1, "Started", t);
        awaitChart(telegram, ADMIN, chart, t + " \u2014 7 points");
        // the new topic is a new calculation; that notice may overtake the reply (alerts go first)
        awaitMessages(telegram, ADMIN, 1, t, "restarted");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RUNNING");
        assertThat(messagesWith(telegram, ADMIN, t, "failed and stopped")).isEqualTo(1);
    }

    @Test
    void silenceForTheStallPeriodRaisesOneStalledAndNewDataOneResumed() throws InterruptedException {
        String t = KafkaBroker.uniqueTopic("stall");
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 10));
        assertThat(iterwatch.ask(ADMIN, "/add " + t + " stall=2s")).contains("Added");
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = pinnedChart(telegram, ADMIN, t);
        awaitChart(telegram, ADMIN, chart, t + " \u2014 10 points");

        awaitMessages(telegram, ADMIN, 1, t, "stalled");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: STALLED").contains("stall=2s");
        Thread.sleep(3_000); // longer than the stall period: the silence goes on, the notice is not repeated
        assertThat(messagesWith(telegram, ADMIN, t, "stalled")).isEqualTo(1);
        assertThat(messagesWith(telegram, ADMIN, t, "resumed")).isZero();

        kafka.produce(t, batch(2, 10));

        awaitMessages(telegram, ADMIN, 1, t, "resumed");
        awaitChart(telegram, ADMIN, chart, t + " \u2014 20 points");
        assertThat(messagesWith(telegram, ADMIN, t, "resumed")).isEqualTo(1);
        assertThat(messagesWith(telegram, ADMIN, t, "stalled")).isEqualTo(1);
    }
}
