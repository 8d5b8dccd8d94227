package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, finding 2: records that ask for absurd amounts of memory. A 6-byte {@code [1.5]} with the header
 * {@code index=1000000000}, 200 single points at index 4 999 999 (each a dense row of 5 M doubles before the
 * fix) and a record that would push the monitor over its point budget, between good records, with a kill and
 * a restart in between (the topic is read again from its start). iterwatch (child JVM heap: 512 MB) stays up,
 * draws every good point, and /status counts each refused record with its reason.
 */
class PoisonRecordsTest {
    static final long ADMIN = 5201;
    static final int BUDGET = 1_000_000;
    static final int BIG = 600_000;
    static final int FAR = 4_999_999;

    /** Started by the test once the records are on the topic. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure("monitors: {maxPointsPerMonitor: " + BUDGET + "}").notStarted();

    @Test
    void poisonRecordsAreRefusedOrStoredSparselyAndNeverCrashOrLoopIterwatch(Iterwatch iterwatch, KafkaBroker kafka,
                                                                             ChatView chat) {
        String t = KafkaBroker.uniqueTopic("poison");
        kafka.createTopic(t);
        StringBuilder expected = new StringBuilder("series,iteration,index,x,value\n");
        List<String> good = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            good.add("{\"iteration\": " + i + ", \"values\": [" + i + ", " + (i + 0.5) + "]}");
        }
        kafka.produceAll(t, good);
        long tinyPoison = kafka.produce(t, null, "[1.5]", Map.of("index", "1000000000"));
        List<String> far = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            far.add("{\"iteration\": " + i + ", \"index\": " + FAR + ", \"value\": 1.0}");
        }
        kafka.produceAll(t, far);
        for (int i = 0; i < 200; i++) {
            if (i >= 1 && i <= 10) {
                expected.append(',').append(i).append(",0,,").append((double) i).append('\n');
                expected.append(',').append(i).append(",1,,").append(i + 0.5).append('\n');
            }
            expected.append(',').append(i).append(',').append(FAR).append(",,1.0\n");
        }

        iterwatch.start();
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 220 points");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RUNNING").contains("Points: 220")
                .contains("Skipped records: 1 (last: offset " + tinyPoison + ": header index 1000000000 is beyond");
        assertThat(chat.export(ADMIN, t)).isEqualTo(expected.toString());

        iterwatch.kill();
        long overBudget = produceBig(kafka, t, 1000, 1001);
        List<String> after = new ArrayList<>();
        for (int i = 11; i <= 20; i++) {
            after.add("{\"iteration\": " + i + ", \"values\": [" + i + ", " + (i + 0.5) + "]}");
        }
        kafka.produceAll(t, after);
        iterwatch.start();

        long points = 220 + BIG + 20;
        chat.awaitChart(ADMIN, chart, t + " \u2014 " + String.format(java.util.Locale.ROOT, "%,d", points) + " points");
        String status = iterwatch.ask(ADMIN, "/status " + t);
        assertThat(status).contains("State: RUNNING").contains("Points: " + String.format(java.util.Locale.ROOT, "%,d", points)).contains("Iterations: 0\u20131000")
                .contains("Skipped records: 2 (last: offset " + overBudget + ": ")
                .contains("maxPointsPerMonitor");
        assertThat(chat.caption(ADMIN, chart)).contains("Skipped records: 2");
        assertThat(iterwatch.process().isAlive()).isTrue();
        assertThat(iterwatch.log().orElseThrow()).doesNotContain("OutOfMemoryError");
    }

    /** Two records of {@value #BIG} values each: the first fits the budget, the second does not. */
    private static long produceBig(KafkaBroker kafka, String t, long first, long second) {
        String values = "0.5,".repeat(BIG - 1) + "0.5]}";
        kafka.produceBytes(t, List.of(
                utf8("{\"iteration\": " + first + ", \"values\": [" + values),
                utf8("{\"iteration\": " + second + ", \"values\": [" + values)));
        return kafka.endOffset(t) - 1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
