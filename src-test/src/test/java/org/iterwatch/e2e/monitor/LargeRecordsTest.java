package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, finding 8: iterwatch started without KAFKA_BOOTSTRAP_SERVERS runs its own broker, which took
 * records of about 1 MB only while monitors.maxRecordBytes promised 16 MB. Its limit now follows that key:
 * with 6 MiB configured, a solver's 5 MB record is stored and drawn, and a 7 MB one is refused to the solver
 * at once (instead of being accepted and then skipped).
 */
class LargeRecordsTest {
    static final long ADMIN = 5301;
    static final int MAX_RECORD_BYTES = 6 * 1024 * 1024;
    static final int VALUES = 1_000_000;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).embeddedKafka()
            .configure("monitors: {maxRecordBytes: " + MAX_RECORD_BYTES + "}");

    @Test
    void theEmbeddedBrokerTakesRecordsUpToMaxRecordBytesAndTheMonitorDrawsThem(Iterwatch iterwatch, ChatView chat)
            throws Exception {
        String kafka = iterwatch.embeddedKafka();
        String t = "large.records";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] fiveMegabytes = utf8("{\"iteration\": 1, \"values\": [" + "0.25,".repeat(VALUES - 1) + "0.25]}");
        assertThat(fiveMegabytes.length).isGreaterThan(5_000_000);

        KafkaBroker.produceBytes(kafka, t, List.of(fiveMegabytes));
        assertThatThrownBy(() -> KafkaBroker.produceBytes(kafka, t, List.of(new byte[7_000_000])))
                .hasMessageContaining("RecordTooLargeException");

        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 " + String.format(java.util.Locale.ROOT, "%,d", VALUES) + " points");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("Points: " + String.format(java.util.Locale.ROOT, "%,d", VALUES)).contains("Skipped records: 0");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
