package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.monitor.MonitorChat.awaitChart;
import static org.iterwatch.e2e.monitor.MonitorChat.pinnedChart;
import static org.iterwatch.e2e.monitor.PinnedChartTest.batch;

import java.nio.file.Path;
import java.time.Duration;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: the broker is gone for 30 s; the monitor shows RECONNECTING, then RUNNING, and loses no point. */
class BrokerOutageTest {
    static final long ADMIN = 6001;
    static final Duration OUTAGE = Duration.ofSeconds(30);
    @TempDir
    Path dir;

    @Test
    void aMonitorWaitsOutABrokerOutageAndLosesNothing() throws InterruptedException {
        try (KafkaBroker kafka = KafkaBroker.startPrivate(); FakeTelegram telegram = FakeTelegram.start();
             Iterwatch iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).start()) {
            String t = "outage";
            kafka.createTopic(t);
            for (int i = 1; i <= 3; i++) {
                kafka.produce(t, batch(i, 10));
            }
            iterwatch.ask(ADMIN, "/add " + t);
            iterwatch.ask(ADMIN, "/start " + t);
            long chart = pinnedChart(telegram, ADMIN, t);
            awaitChart(telegram, ADMIN, chart, t + " \u2014 30 points");

            kafka.stop();
            long stoppedAt = System.nanoTime();
            telegram.await(() -> MonitorChat.caption(telegram, ADMIN, chart).contains("reconnecting"), Iterwatch.TIMEOUT,
                    "the chart to show 'reconnecting'");
            assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RECONNECTING");
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000)); // the outage itself
            assertThat(iterwatch.ask(ADMIN, "/status " + t)).as("an outage is waited out, not a failure")
                    .contains("State: RECONNECTING");
            kafka.restart();
            for (int i = 4; i <= 6; i++) {
                kafka.produce(t, batch(i, 10));
            }

            awaitChart(telegram, ADMIN, chart, t + " \u2014 60 points");
            telegram.await(() -> MonitorChat.caption(telegram, ADMIN, chart).contains("running"), Iterwatch.TIMEOUT,
                    "the chart to show 'running'");
            assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RUNNING").contains("Iterations: 1\u20136");
            String csv = MonitorChat.export(iterwatch, telegram, ADMIN, t);
            assertThat(csv.lines().skip(1)).hasSize(60);
            assertThat(telegram.calls("sendPhoto")).hasSize(1);
        }
    }
}
