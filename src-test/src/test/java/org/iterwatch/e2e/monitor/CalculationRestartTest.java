package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;

import java.time.Duration;
import java.util.Map;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3: each way a calculation can start over (topic emptied, topic deleted and created again,
 * a new run id) resets the chart and tells every follower exactly once. One iterwatch serves all tests;
 * each follows topics of its own.
 */
class CalculationRestartTest {
    static final long ALICE = 2001;
    static final long BOB = 2002;
    static final String NOTICE = "restarted";

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ALICE, BOB).perClass();

    @Test
    void anEmptiedTopicIsARestart(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("emptied");
        long[] charts = followedByTwo(iterwatch, kafka, chat, t);

        kafka.deleteRecordsBefore(t, kafka.endOffset(t));
        kafka.produce(t, batch(1, 5));

        assertResetAndToldOnce(chat, t, charts, "emptied");
    }

    @Test
    void aTopicDeletedAndCreatedAgainIsARestart(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("recreated");
        long[] charts = followedByTwo(iterwatch, kafka, chat, t);

        kafka.deleteTopic(t);
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 5));

        assertResetAndToldOnce(chat, t, charts, "deleted and created again");
    }

    @Test
    void aNewRunIdIsARestartAndIsNotToldAgainAfterOurOwnRestart(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("newrun");
        kafka.createTopic(t);
        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, null, batch(i, 10), Map.of("run", "run-1"));
        }
        long[] charts = startedByTwo(iterwatch, chat, t);

        kafka.produce(t, null, batch(1, 5), Map.of("run", "run-2"));
        kafka.produce(t, null, batch(4, 10), Map.of("run", "run-1")); // a straggler of the old run

        assertResetAndToldOnce(chat, t, charts, "new run run-2");
        iterwatch.kill();
        iterwatch.start();
        kafka.produce(t, null, batch(2, 5), Map.of("run", "run-2"));
        chat.awaitChart(ALICE, charts[0], t + " \u2014 10 points");
        assertThat(chat.count(ALICE, t, NOTICE)).as("no second notice after iterwatch restarted").isEqualTo(1);
        assertThat(iterwatch.ask(ALICE, "/status " + t)).contains("Restarts of the calculation: 1");
    }

    /** Issue 12, point 7: records without a run id are a run of their own; a run id after them starts over. */
    @Test
    void aRunIdAfterRecordsWithoutOneIsANewRun(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("firstrun");
        long[] charts = followedByTwo(iterwatch, kafka, chat, t);

        kafka.produce(t, null, batch(1, 5), Map.of("run", "run-1"));

        assertResetAndToldOnce(chat, t, charts, "new run run-1");
    }

    private static long[] followedByTwo(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat, String t) {
        kafka.createTopic(t);
        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, batch(i, 10));
        }
        return startedByTwo(iterwatch, chat, t);
    }

    private static long[] startedByTwo(Iterwatch iterwatch, ChatView chat, String t) {
        assertThat(iterwatch.ask(ALICE, "/add " + t)).contains("Added");
        iterwatch.ask(ALICE, "/start " + t);
        iterwatch.ask(BOB, "/start " + t);
        long[] charts = {chat.pinnedChart(ALICE, t), chat.pinnedChart(BOB, t)};
        chat.awaitChart(ALICE, charts[0], t + " \u2014 30 points");
        chat.awaitChart(BOB, charts[1], t + " \u2014 30 points");
        return charts;
    }

    private static void assertResetAndToldOnce(ChatView chat, String t, long[] charts, String cause) {
        chat.awaitChart(ALICE, charts[0], t + " \u2014 5 points");
        chat.awaitChart(BOB, charts[1], t + " \u2014 5 points");
        chat.awaitMessages(ALICE, 1, t, NOTICE, cause);
        chat.awaitMessages(BOB, 1, t, NOTICE, cause);
        // Nothing to wait for: five refresh periods in which a repeated notice would show.
        ChatView.letTimePass(Duration.ofMillis(1_500));
        assertThat(chat.count(ALICE, t, NOTICE)).isEqualTo(1);
        assertThat(chat.count(BOB, t, NOTICE)).isEqualTo(1);
        assertThat(chat.caption(ALICE, charts[0])).contains("Points: 5");
    }
}
