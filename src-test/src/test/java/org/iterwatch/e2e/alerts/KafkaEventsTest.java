package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, events in from Kafka: the JSON of the HTTP API, published to {@code iterwatch.events}, alerts the
 * same way; invalid records are skipped, logged with their reason (not their payload; after the first, folded
 * into one line per 10 s with the count and the last), counted where an operator looks (/status, /healthz,
 * /metrics), and the valid events around them all arrive, in order.
 */
class KafkaEventsTest {
    static final long FOLLOWER = 6001;
    static final String TOPIC = "iterwatch.events";
    static final String SOLVER = "kafka-path-probe";
    static final String SKIP_LINE = "skipped invalid event at " + TOPIC;
    /** A long run of one letter inside bad JSON: the log may quote a little of it, never all. */
    static final String GARBAGE = "Q".repeat(5000);

    /** A broker of its own: the events topic is read from its beginning, and other tests must not replay these. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(FOLLOWER).privateBroker();

    @Test
    void eventsFromTheTopicAlertLikeTheApiAndInvalidOnesAreSkippedCountedAndLogged(Iterwatch iterwatch,
            FakeTelegram telegram, KafkaBroker kafka, ChatView chat) {
        assertThat(iterwatch.ask(FOLLOWER, "/subscribe " + SOLVER)).contains("Subscribed");
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        assertThat(iterwatch.ask(FOLLOWER, "/status")).doesNotContain("invalid event");
        String failed = "{\"solver\":\"" + SOLVER + "\",\"event\":\"failed\",\"exitCode\":3,\"host\":\"node-9\","
                + "\"message\":\"%s\",\"details\":\"a <b> & c\\nlast line\",\"durationSeconds\":75}";
        assertThat(api.post(Iterwatch.API_TOKEN, failed.formatted("k-over-http")).status()).isEqualTo(202);
        ChatMessage overHttp = awaitAlert(telegram, chat, "k-over-http");

        List<Long> offsets = kafka.produceAll(TOPIC, java.util.Arrays.asList(
                "{\"solver\":\"" + SOLVER + "\",\"event\":\"started\",\"message\":\"k-one\",\"host\":\"node-9\"}",
                "{\"solver\":\"" + SOLVER + "\",\"event\":" + GARBAGE + "}",
                "{\"event\":\"failed\",\"message\":\"k-no-solver\"}",
                "{\"solver\":\"" + SOLVER + "\",\"message\":\"k-no-event\"}",
                "{\"solver\":\"" + SOLVER + "\",\"event\":\"failed\",\"exitCode\":\"three\",\"message\":\"k-wrong-type\"}",
                null,
                failed.formatted("k-two"),
                "[1, 2]",
                "{\"solver\":\"" + SOLVER + "\",\"event\":\"stopped\",\"exitCode\":0,\"message\":\"k-three\"}"));

        ChatMessage viaKafka = awaitAlert(telegram, chat, "k-two");
        awaitAlert(telegram, chat, "k-three");
        assertThat(alertMarkers(chat)).containsExactly("k-over-http", "k-one", "k-two", "k-three");
        assertThat(comparable(viaKafka, "k-two")).isEqualTo(comparable(overHttp, "k-over-http"));
        assertThat(viaKafka.buttonTexts()).isEqualTo(overHttp.buttonTexts());
        assertThat(chat.botTexts(FOLLOWER)).noneMatch(t -> t.contains("k-no-solver") || t.contains("k-no-event") || t.contains("k-wrong-type"));

        String status = iterwatch.ask(FOLLOWER, "/status");
        assertThat(status).contains("6 invalid events skipped from <code>" + TOPIC + "</code>")
                .contains("the last (offset " + offsets.get(7) + "): body: expected a JSON object");
        assertThat(api.get("/healthz").body()).contains("\"invalidEvents\":6");
        assertThat(api.get("/metrics").body()).containsPattern("(?m)^iterwatch_events_invalid_total 6\\.0$");

        telegram.await(() -> iterwatch.log().orElseThrow().contains("5 more like this"), TIMEOUT, "the folded skips");
        List<String> skips = iterwatch.log().orElseThrow().lines().filter(l -> l.contains(SKIP_LINE)).toList();
        assertThat(skips).hasSize(2);
        assertThat(skips.get(0)).contains("offset " + offsets.get(1)).contains("body: not valid JSON");
        assertThat(skips.get(1)).contains("5 more like this").contains("offset " + offsets.get(7))
                .contains("(6 skipped since start)").contains("body: expected a JSON object");
        assertThat(iterwatch.log().orElseThrow()).doesNotContain("Q".repeat(200)).doesNotContain("k-wrong-type")
                .doesNotContain(Iterwatch.API_TOKEN).doesNotContain(telegram.token());
    }

    /**
     * Issue 9, finding 6: a flood of invalid records (100 000 wrote 27.5 MB of log in a second) is logged as
     * the first one at once and then one line per 10 s with the count and the last of them.
     */
    @Test
    void aFloodOfInvalidRecordsWritesAHandfulOfLinesWithTheRightCount(Iterwatch iterwatch, FakeTelegram telegram,
            KafkaBroker kafka) {
        int flood = 10_000;
        List<String> invalid = new java.util.ArrayList<>();
        for (int i = 0; i < flood; i++) {
            invalid.add("{\"solver\":\"" + SOLVER + "\",\"event\":\"exploded-" + i + "\"}");
        }
        List<Long> offsets = kafka.produceAll(TOPIC, invalid);
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        telegram.await(() -> api.get("/healthz").body().contains("\"invalidEvents\":" + flood), TIMEOUT,
                flood + " invalid events counted");
        String total = "(" + flood + " skipped since start)";
        telegram.await(() -> iterwatch.log().orElseThrow().contains(total), TIMEOUT, "the line that reports the last of them");

        List<String> skips = iterwatch.log().orElseThrow().lines().filter(l -> l.contains(SKIP_LINE)).toList();
        assertThat(skips).hasSizeBetween(2, 4);
        assertThat(skips.get(0)).contains("offset " + offsets.get(0)).contains("(1 skipped since start)")
                .contains("event: must be one of");
        assertThat(skips.get(skips.size() - 1)).contains("offset " + offsets.get(flood - 1)).contains(total);
        long counted = 1 + skips.stream().skip(1)
                .mapToLong(l -> Long.parseLong(l.replaceAll(".* (\\d+) more like this .*", "$1"))).sum();
        assertThat(counted).isEqualTo(flood);
        assertThat(iterwatch.ask(FOLLOWER, "/status")).contains(flood + " invalid events skipped from <code>" + TOPIC + "</code>");
    }

    /** The alert text without what differs by design: the message line and the time. */
    private static String comparable(ChatMessage alert, String marker) {
        return alert.text().replace(marker, "MESSAGE").replaceAll("Time: [^\n]*", "Time: T");
    }

    private static ChatMessage awaitAlert(FakeTelegram telegram, ChatView chat, String marker) {
        telegram.await(() -> alerts(chat).stream().anyMatch(m -> m.text().contains(marker)), TIMEOUT, "the alert " + marker);
        return alerts(chat).stream().filter(m -> m.text().contains(marker)).findFirst().orElseThrow();
    }

    private static List<ChatMessage> alerts(ChatView chat) {
        return chat.botMessagesWith(FOLLOWER, "<b>" + SOLVER + "</b>");
    }

    private static List<String> alertMarkers(ChatView chat) {
        return alerts(chat).stream().map(m -> m.text().replaceAll("(?s).*\\b(k-[a-z-]+)\\b.*", "$1")).toList();
    }
}
