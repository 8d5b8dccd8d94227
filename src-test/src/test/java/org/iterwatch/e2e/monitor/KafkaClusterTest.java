package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaCluster;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: monitors read from a Kafka cluster of three brokers; the broker that leads the topic dies (SIGKILL)
 * while the solver writes, and the chart still shows the exact series: every point once, none lost, none doubled.
 */
class KafkaClusterTest {
    static final long ADMIN = 1201;
    static final int BATCHES = 40;
    static final int KILL_AFTER = 15;
    static final int VALUES = 25;
    static final Duration BETWEEN = Duration.ofMillis(100);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).notStarted()
            .configure("monitors: {refreshPeriod: 500ms}");
    @TempDir
    Path dir;

    @Test
    void aDeadBrokerChangesNothingInTheChart(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat) throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(dir)) {
            String t = "cluster.series";
            cluster.createReplicatedTopic(t);
            iterwatch.environment("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers()).start();
            assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added a monitor");
            assertThat(iterwatch.ask(ADMIN, "/start " + t)).contains("Started");
            long chart = chat.pinnedChart(ADMIN, t);
            telegram.await(() -> cluster.inSyncReplicas(t) == KafkaCluster.SIZE, TIMEOUT, "all three replicas in sync");

            int killed = 0;
            try (KafkaProducer<String, String> solver = solver(cluster)) {
                for (int i = 1; i <= BATCHES; i++) {
                    // The solver's own producer waits for each record, as a solver writing iteration after iteration.
                    solver.send(new ProducerRecord<>(t, batch(i, VALUES))).get();
                    if (i == KILL_AFTER) {
                        killed = cluster.leaderOf(t);
                        cluster.kill(killed);
                    }
                    // The rhythm is the point: the broker dies while records keep coming.
                    ChatView.letTimePass(BETWEEN);
                }
            }
            assertThat(cluster.leaderOf(t)).as("the new leader").isNotEqualTo(killed);

            ChatMessage shown = chat.awaitChart(ADMIN, chart, t + " \u2014 " + String.format(java.util.Locale.ROOT, "%,d", BATCHES * VALUES) + " points");
            telegram.await(() -> chat.caption(ADMIN, chart).contains("running"), TIMEOUT, "the chart running again");
            assertThat(chat.caption(ADMIN, chart)).contains("Points: " + String.format(java.util.Locale.ROOT, "%,d", BATCHES * VALUES))
                    .contains("iterations 1\u2013" + BATCHES).doesNotContain("Restarts").doesNotContain("missing").doesNotContain("Skipped");
            assertThat(Pictures.count(Pictures.decode(shown.photo().orElseThrow()), Pictures.POINT_RED)).isPositive();
            assertThat(chat.botTexts(ADMIN)).noneMatch(text -> text.contains("restarted") || text.contains("failed"));
            assertThat(chat.export(ADMIN, t).lines().skip(1).toList()).as("the series, point by point")
                    .containsExactlyElementsOf(expectedCsv());
        }
    }

    private static KafkaProducer<String, String> solver(KafkaCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    }

    /** Every point of every batch once, in identity order, as /export writes it. */
    private static List<String> expectedCsv() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= BATCHES; i++) {
            for (int j = 0; j < VALUES; j++) {
                double value = Double.parseDouble(String.format(Locale.ROOT, "%.6f", Math.sin((i * VALUES + j) / 15.0)));
                lines.add("," + i + "," + j + ",," + value);
            }
        }
        return lines;
    }
}
