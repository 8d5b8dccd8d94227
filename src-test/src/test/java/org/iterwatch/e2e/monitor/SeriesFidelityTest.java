package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Installation;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3, fidelity (reference run vs interrupted run): one stream of 200 iterations, with re-sent
 * duplicates and records reordered, goes to two identical topics. The iterwatch watching the first is
 * killed mid-stream and restarted; the second watches without interruption. Both final series equal,
 * point for point, the points the producer meant to publish.
 */
class SeriesFidelityTest {
    static final long ADMIN = 3001;
    static final int ITERATIONS = 200;
    static final int VALUES = 10;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN);

    @Test
    void anInterruptedMonitorEndsWithExactlyTheIntendedSeries(Installation a, KafkaBroker kafka) {
        String interrupted = KafkaBroker.uniqueTopic("fidelity-a");
        String reference = KafkaBroker.uniqueTopic("fidelity-b");
        kafka.createTopic(interrupted);
        kafka.createTopic(reference);
        double[][] intended = intendedPoints();
        List<String> stream = stream(intended, new Random(42));
        int half = stream.size() / 2;
        int threeQuarters = stream.size() * 3 / 4;

        try (Installation b = a.another()) {
            ChatView chatA = a.chat();
            long chartA = follow(a, interrupted);
            long chartB = follow(b, reference);

            produce(kafka, stream.subList(0, half), interrupted, reference);
            a.telegram().await(() -> points(chatA, chartA) > 0, Iterwatch.TIMEOUT, "part of the stream drawn");
            a.iterwatch().kill();
            produce(kafka, stream.subList(half, threeQuarters), interrupted, reference);
            a.iterwatch().start();
            produce(kafka, stream.subList(threeQuarters, stream.size()), interrupted, reference);

            String full = " \u2014 " + String.format(Locale.ROOT, "%,d", ITERATIONS * VALUES) + " points";
            chatA.awaitChart(ADMIN, chartA, interrupted + full);
            b.chat().awaitChart(ADMIN, chartB, reference + full);
            String expected = csv(intended);
            assertThat(chatA.export(ADMIN, interrupted)).isEqualTo(expected);
            assertThat(b.chat().export(ADMIN, reference)).isEqualTo(expected);
            assertThat(chatA.caption(ADMIN, chartA)).contains("iterations 1\u2013200")
                    .doesNotContain("missing").doesNotContain("Skipped");
            assertThat(a.telegram().calls("sendPhoto")).as("the same pinned message is edited after the kill").hasSize(1);
        }
    }

    private static long follow(Installation installation, String topic) {
        installation.iterwatch().ask(ADMIN, "/add " + topic);
        installation.iterwatch().ask(ADMIN, "/start " + topic);
        return installation.chat().pinnedChart(ADMIN, topic);
    }

    private static void produce(KafkaBroker kafka, List<String> records, String... topics) {
        for (String t : topics) {
            kafka.produceAll(t, records);
        }
    }

    private static long points(ChatView chat, long messageId) {
        String count = chat.title(ADMIN, messageId).replaceAll(".* \u2014 ([\\d,]+) points?$", "$1").replace(",", "");
        return count.matches("\\d+") ? Long.parseLong(count) : 0;
    }

    /** Values chosen to need every digit of a double: a decimal rounding anywhere would show. */
    static double[][] intendedPoints() {
        double[][] v = new double[ITERATIONS + 1][VALUES];
        for (int i = 1; i <= ITERATIONS; i++) {
            for (int j = 0; j < VALUES; j++) {
                v[i][j] = Math.sin(i * 0.05 + j * 0.3) / (j + 1.0 / 3);
            }
        }
        return v;
    }

    /**
     * Batches mostly, every seventh iteration as single points; a fifth of the records re-sent later,
     * and the whole stream shuffled within windows of eight records.
     */
    static List<String> stream(double[][] v, Random random) {
        List<String> records = new ArrayList<>();
        for (int i = 1; i <= ITERATIONS; i++) {
            int it = i;
            if (i % 7 == 0) {
                for (int j = 0; j < VALUES; j++) {
                    records.add("{\"iteration\":" + i + ",\"index\":" + j + ",\"value\":" + v[i][j] + "}");
                }
            } else {
                records.add("{\"iteration\":" + i + ",\"values\":[" + IntStream.range(0, VALUES)
                        .mapToObj(j -> String.valueOf(v[it][j])).collect(Collectors.joining(",")) + "]}");
            }
        }
        List<String> withDuplicates = new ArrayList<>(records);
        for (int k = 0; k < records.size() / 5; k++) {
            String again = records.get(random.nextInt(records.size()));
            int after = withDuplicates.indexOf(again) + 1;
            withDuplicates.add(after + random.nextInt(withDuplicates.size() - after + 1), again);
        }
        for (int start = 0; start < withDuplicates.size(); start += 8) {
            Collections.shuffle(withDuplicates.subList(start, Math.min(start + 8, withDuplicates.size())), random);
        }
        return withDuplicates;
    }

    static String csv(double[][] v) {
        StringBuilder out = new StringBuilder("series,iteration,index,x,value\n");
        for (int i = 1; i <= ITERATIONS; i++) {
            for (int j = 0; j < VALUES; j++) {
                out.append(',').append(i).append(',').append(j).append(",,").append(v[i][j]).append('\n');
            }
        }
        return out.toString();
    }
}
