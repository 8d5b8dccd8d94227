package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.util.Arrays;
import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: /status with 8 monitors in 6 states opens with a count by state and lists what needs attention
 * first: failed, stalled, reconnecting, running, stopped, finished. Failed and stopped monitors keep their series.
 */
class StatusAtAGlanceTest {
    static final long ADMIN = 4301;

    /** Six failures in a row fail a monitor: 6 s at refresh=100ms, over two minutes at refresh=5s. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure("monitors: {failureLimit: 6}");

    @Test
    void eightMonitorsInSixStatesAreCountedAndOrderedByAttention(Iterwatch iterwatch, FakeTelegram telegram,
                                                                 KafkaBroker kafka, ChatView chat) {
        String failed = start(iterwatch, kafka, chat, "broken", batch(1, 5), "refresh=100ms");
        String stalled = start(iterwatch, kafka, chat, "quiet", batch(1, 4), "stall=2s");
        String reconnecting = start(iterwatch, kafka, chat, "gone", batch(1, 3), "refresh=5s");
        List<String> running = List.of(start(iterwatch, kafka, chat, "run-a", batch(1, 1), ""),
                start(iterwatch, kafka, chat, "run-b", batch(1, 2), ""), start(iterwatch, kafka, chat, "run-c", batch(1, 2), ""));
        String stopped = start(iterwatch, kafka, chat, "halted", batch(1, 6), "");
        String finished = start(iterwatch, kafka, chat, "done",
                "{\"iteration\": 7, \"values\": [1.0, 0.5], \"final\": true}", "");

        iterwatch.ask(ADMIN, "/stop " + stopped);
        kafka.deleteTopic(failed);
        kafka.deleteTopic(reconnecting);
        chat.awaitMessages(ADMIN, 1, failed, "failed and stopped");
        chat.awaitMessages(ADMIN, 1, stalled, "stalled");
        long reconnectingChart = chat.chart(ADMIN, reconnecting).messageId();
        telegram.await(() -> chat.caption(ADMIN, reconnectingChart).contains("\u21bb reconnecting"), TIMEOUT,
                "the chart of " + reconnecting + " reconnecting");
        assertThat(iterwatch.ask(ADMIN, "/tz Europe/Berlin")).contains("Europe/Berlin");

        String status = iterwatch.ask(ADMIN, "/status");

        List<String> lines = Arrays.asList(status.split("\n"));
        assertThat(lines.get(0)).isEqualTo(
                "<b>1 failed \u00b7 1 stalled \u00b7 1 reconnecting \u00b7 3 running \u00b7 1 stopped \u00b7 1 finished</b>");
        assertThat(lines.subList(1, 9)).satisfiesExactly(
                l -> assertThat(l).startsWith("\ud83d\udd34 <code>" + failed + "</code> \u2014 failed \u00b7 5 points"),
                l -> assertThat(l).contains(stalled).contains("stalled \u00b7 4 points"),
                l -> assertThat(l).contains(reconnecting).contains("reconnecting \u00b7 3 points"),
                l -> assertThat(l).contains(running.get(0)).contains("running \u00b7 1 point \u00b7 iteration 1"),
                l -> assertThat(l).contains(running.get(1)).contains("running \u00b7 2 points"),
                l -> assertThat(l).contains(running.get(2)).contains("running \u00b7 2 points"),
                l -> assertThat(l).startsWith("\u23f9 <code>" + stopped + "</code> \u2014 stopped \u00b7 6 points"),
                l -> assertThat(l).contains(finished).contains("finished \u00b7 2 points \u00b7 iteration 7"));
        assertThat(lines.get(1)).containsPattern("last record (now|\\d+ s ago|\\d+ min ago)");
        assertThat(status).doesNotContain("UTC")
                // Not the last line: other classes on the shared broker may have left invalid events, counted after it.
                .contains("\nTimes in Europe/Berlin.");
    }

    /** A topic with one record, its monitor added with the options and started from the admin's chat. */
    private static String start(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat, String name, String record,
                                String options) {
        String t = KafkaBroker.uniqueTopic(name);
        kafka.createTopic(t);
        kafka.produce(t, record);
        iterwatch.ask(ADMIN, ("/add " + t + " " + options).strip());
        iterwatch.ask(ADMIN, "/start " + t);
        chat.pinnedChart(ADMIN, t);
        return t;
    }
}
