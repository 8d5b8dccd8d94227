package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.monitor.MonitorChat.awaitChart;
import static org.iterwatch.e2e.monitor.MonitorChat.awaitMessages;
import static org.iterwatch.e2e.monitor.MonitorChat.messagesWith;
import static org.iterwatch.e2e.monitor.MonitorChat.pinnedChart;
import static org.iterwatch.e2e.monitor.PinnedChartTest.batch;

import java.nio.file.Path;
import java.util.Map;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: each way a calculation can start over (topic emptied, topic deleted and created again,
 * a new run id) resets the chart and tells every follower exactly once.
 */
@ExtendWith(KafkaBroker.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalculationRestartTest {
    static final long ALICE = 2001;
    static final long BOB = 2002;
    static final String NOTICE = "restarted";

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    @TempDir
    static Path dir;

    CalculationRestartTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void start() {
        telegram = FakeTelegram.start();
        iterwatch = new Iterwatch(dir, telegram, kafka, ALICE, BOB).start();
    }

    @AfterAll
    void stop() {
        if (iterwatch != null) {
            iterwatch.close();
        }
        telegram.close();
    }

    @Test
    void anEmptiedTopicIsARestart() throws InterruptedException {
        String t = KafkaBroker.uniqueTopic("emptied");
        long[] charts = followedByTwo(t);

        kafka.deleteRecordsBefore(t, kafka.endOffset(t));
        kafka.produce(t, batch(1, 5));

        assertResetAndToldOnce(t, charts, "emptied");
    }

    @Test
    void aTopicDeletedAndCreatedAgainIsARestart() throws InterruptedException {
        String t = KafkaBroker.uniqueTopic("recreated");
        long[] charts = followedByTwo(t);

        kafka.deleteTopic(t);
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 5));

        assertResetAndToldOnce(t, charts, "deleted and created again");
    }

    @Test
    void aNewRunIdIsARestartAndIsNotToldAgainAfterOurOwnRestart() throws InterruptedException {
        String t = KafkaBroker.uniqueTopic("newrun");
        kafka.createTopic(t);
        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, null, batch(i, 10), Map.of("run", "run-1"));
        }
        long[] charts = startedByTwo(t);

        kafka.produce(t, null, batch(1, 5), Map.of("run", "run-2"));
        kafka.produce(t, null, batch(4, 10), Map.of("run", "run-1")); // a straggler of the old run

        assertResetAndToldOnce(t, charts, "new run run-2");
        iterwatch.kill();
        iterwatch.start();
        kafka.produce(t, null, batch(2, 5), Map.of("run", "run-2"));
        awaitChart(telegram, ALICE, charts[0], t + " \u2014 10 points");
        assertThat(messagesWith(telegram, ALICE, t, NOTICE)).as("no second notice after iterwatch restarted").isEqualTo(1);
        assertThat(iterwatch.ask(ALICE, "/status " + t)).contains("Restarts of the calculation: 1");
    }

    private long[] followedByTwo(String t) {
        kafka.createTopic(t);
        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, batch(i, 10));
        }
        return startedByTwo(t);
    }

    private long[] startedByTwo(String t) {
        assertThat(iterwatch.ask(ALICE, "/add " + t)).contains("Added");
        iterwatch.ask(ALICE, "/start " + t);
        iterwatch.ask(BOB, "/start " + t);
        long[] charts = {pinnedChart(telegram, ALICE, t), pinnedChart(telegram, BOB, t)};
        awaitChart(telegram, ALICE, charts[0], t + " \u2014 30 points");
        awaitChart(telegram, BOB, charts[1], t + " \u2014 30 points");
        return charts;
    }

    private void assertResetAndToldOnce(String t, long[] charts, String cause) throws InterruptedException {
        awaitChart(telegram, ALICE, charts[0], t + " \u2014 5 points");
        awaitChart(telegram, BOB, charts[1], t + " \u2014 5 points");
        awaitMessages(telegram, ALICE, 1, t, NOTICE, cause);
        awaitMessages(telegram, BOB, 1, t, NOTICE, cause);
        Thread.sleep(1_500); // five refresh periods in which a repeated notice would show
        assertThat(messagesWith(telegram, ALICE, t, NOTICE)).isEqualTo(1);
        assertThat(messagesWith(telegram, BOB, t, NOTICE)).isEqualTo(1);
        assertThat(MonitorChat.caption(telegram, ALICE, charts[0])).contains("Points: 5");
    }
}
