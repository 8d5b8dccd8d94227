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

/** Issue 3: the broker is gone for 30 s; the monitor shows RECONNECTING, then RUNNING, and loses no point. */
class BrokerOutageTest {
    static final long ADMIN = 6001;
    static final Duration OUTAGE = Duration.ofSeconds(30);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).privateBroker();

    @Test
    void aMonitorWaitsOutABrokerOutageAndLosesNothing(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                      ChatView chat) {
        String t = "outage";
        kafka.createTopic(t);
        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, batch(i, 10));
        }
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 30 points");

        kafka.stop();
        long stoppedAt = System.nanoTime();
        telegram.await(() -> chat.caption(ADMIN, chart).contains("reconnecting"), Iterwatch.TIMEOUT,
                "the chart to show 'reconnecting'");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RECONNECTING");
        // The outage itself is the point: it lasts its 30 s whatever iterwatch does meanwhile.
        ChatView.letTimePass(Duration.ofNanos(Math.max(0, OUTAGE.toNanos() - (System.nanoTime() - stoppedAt))));
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).as("an outage is waited out, not a failure")
                .contains("State: RECONNECTING");
        kafka.restart();
        for (int i = 4; i <= 6; i++) {
            kafka.produce(t, batch(i, 10));
        }

        chat.awaitChart(ADMIN, chart, t + " \u2014 60 points");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("running"), Iterwatch.TIMEOUT,
                "the chart to show 'running'");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RUNNING").contains("Iterations: 1\u20136");
        String csv = chat.export(ADMIN, t);
        assertThat(csv.lines().skip(1)).hasSize(60);
        assertThat(telegram.calls("sendPhoto")).hasSize(1);
    }
}
