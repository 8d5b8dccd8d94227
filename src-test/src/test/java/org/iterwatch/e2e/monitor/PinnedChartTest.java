package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2: a Kafka record reaches a pinned, edited chart in Telegram, through the real process. */
@ExtendWith(KafkaBroker.Extension.class)
class PinnedChartTest {
    static final long ADMIN = 1001;
    static final long STRANGER = 6666;

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    @TempDir
    Path dir;

    PinnedChartTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).start();
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void recordsBecomeOnePinnedChartEditedInPlace() {
        String t = "t";
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added a monitor");
        assertThat(iterwatch.ask(ADMIN, "/start " + t)).contains("Started");
        long messageId = pinnedChart(t);

        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, batch(i, 100));
        }
        ChatMessage chart = awaitChart(ADMIN, messageId, t + " \u2014 300 points");
        // The fake logs a call once it has answered it, which can be just after the chat shows its effect.
        telegram.awaitCall("editMessageMedia", c -> c.files().stream()
                .anyMatch(f -> "t \u2014 300 points".equals(Pictures.title(f.bytes()))), TIMEOUT);

        assertThat(telegram.calls("sendPhoto").stream().filter(c -> toChat(c, ADMIN))).hasSize(1);
        List<ApiCall> edits = telegram.calls("editMessageMedia");
        assertThat(edits).isNotEmpty().allSatisfy(edit -> {
            assertThat(edit.param("message_id")).contains(String.valueOf(messageId));
            JsonNode media = edit.jsonParam("media");
            assertThat(media.path("caption").asText()).contains(t).contains("Points:");
            assertThat(edit.jsonParam("reply_markup").toString()).contains("start:").contains("status:").contains("stop:");
        });
        byte[] png = chart.photo().orElseThrow();
        assertThat(png.length).isLessThanOrEqualTo(1_000_000);
        BufferedImage image = Pictures.decode(png);
        assertThat(Pictures.count(image, Pictures.POINT_RED)).as("red markers").isGreaterThan(300);
        assertThat(Pictures.count(image, Pictures.LINE_BLUE)).as("blue line").isGreaterThan(200);
        assertThat(Pictures.title(png)).isEqualTo("t \u2014 300 points");
        assertThat(chart.captionText().orElseThrow()).contains("Points: 300").contains("iterations 1\u20133");
        assertThat(chart.buttonTexts()).containsExactly("\u25b6 Start", "\u2139 Status", "\u23f9 Stop");
        assertThat(telegram.pinned(ADMIN)).hasValue(messageId);
        assertThat(telegram.commands()).extracting(c -> c.command())
                .contains("start", "help", "add", "run", "stop", "remove", "status", "topics");
    }

    @Test
    void theMathematicaEnvelopeIsDrawnToo() {
        String t = KafkaBroker.uniqueTopic("envelope");
        long messageId = startedMonitor(t);

        kafka.produce(t, "{\"payload\": \"[0.1,0.2,0.3]\"}");
        kafka.produce(t, "{\"payload\": \"[0.4,0.5]\"}");

        awaitChart(ADMIN, messageId, t + " \u2014 5 points");
    }

    @Test
    void anUnknownTopicIsRefusedNamingCloseMatchesAndCreatesNothing() {
        kafka.createTopic("missing-topics");

        String reply = iterwatch.ask(ADMIN, "/add missing-topic");

        assertThat(reply).contains("does not exist").contains("missing-topics");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("No monitors yet");
        assertThat(iterwatch.ask(ADMIN, "/start missing-topic")).contains("no monitor for missing-topic");
        assertThat(telegram.calls("sendPhoto")).isEmpty();
    }

    @Test
    void strangersChangeNothingAndLearnOnlyTheirId() {
        String t = KafkaBroker.uniqueTopic("guarded");
        long messageId = startedMonitor(t);

        telegram.userSends(STRANGER, "/stop " + t);
        telegram.userSends(STRANGER, "/remove " + t);
        telegram.userSends(STRANGER, "/add other");
        String forged = telegram.userPresses(ADMIN, STRANGER, messageId, "stop:1");
        telegram.await(() -> telegram.answeredCallbackQueries().contains(forged), TIMEOUT, "the forged press answered");
        telegram.awaitUpdatesConsumed(TIMEOUT);

        List<ApiCall> toStranger = telegram.calls("sendMessage").stream().filter(c -> toChat(c, STRANGER)).toList();
        assertThat(toStranger).hasSize(1);
        assertThat(toStranger.get(0).param("text").orElseThrow())
                .contains(String.valueOf(STRANGER)).doesNotContain(t).doesNotContainIgnoringCase("monitor");
        ApiCall answer = telegram.calls("answerCallbackQuery").stream()
                .filter(c -> c.param("callback_query_id").orElse("").equals(forged)).findFirst().orElseThrow();
        assertThat(answer.param("text")).isEmpty();
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t).contains("RUNNING");
        kafka.produce(t, batch(1, 10));
        awaitChart(ADMIN, messageId, t + " \u2014 10 points");
    }

    @Test
    void buttonsActOnTheirMonitorAndForgedDataDoesNothing() {
        String t = KafkaBroker.uniqueTopic("buttons");
        long messageId = startedMonitor(t);
        List<String> data = telegram.message(ADMIN, messageId).orElseThrow().callbackData();
        assertThat(data).allSatisfy(d -> assertThat(d.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64));

        assertThat(press(messageId, data.get(2))).contains("Stopped");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("STOPPED");
        assertThat(press(messageId, data.get(0))).contains("Started");
        assertThat(press(messageId, data.get(1))).contains("State: RUNNING");
        long replies = telegram.calls("sendMessage").size();
        assertThat(deadPress(messageId, "stop:999999")).contains("This button no longer works.");
        assertThat(deadPress(messageId, "x".repeat(64))).contains("This button no longer works.");
        assertThat(telegram.calls("sendMessage")).as("no reply to a dead button").hasSize((int) replies);
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("RUNNING");
    }

    @Test
    void aStoppedMonitorDoesNotEditAndCatchesUpWhenStarted() throws InterruptedException {
        String t = KafkaBroker.uniqueTopic("stopstart");
        long messageId = startedMonitor(t);
        kafka.produce(t, batch(1, 50));
        awaitChart(ADMIN, messageId, t + " \u2014 50 points");

        assertThat(iterwatch.ask(ADMIN, "/stop " + t)).contains("Stopped");
        telegram.await(() -> caption(messageId).contains("stopped"), TIMEOUT, "the chart to show 'stopped'");
        int edits = telegram.calls("editMessageMedia").size();
        kafka.produce(t, batch(2, 50));
        Thread.sleep(2_000); // several refresh periods (300 ms) in which a running monitor would have redrawn
        assertThat(telegram.calls("editMessageMedia")).hasSize(edits);

        iterwatch.ask(ADMIN, "/start " + t);
        awaitChart(ADMIN, messageId, t + " \u2014 100 points");
        assertThat(caption(messageId)).contains("running");
    }

    @Test
    void afterAKillTheMonitorRunsOnAndEditsTheSameMessage() {
        String t = KafkaBroker.uniqueTopic("restart");
        long messageId = startedMonitor(t);
        kafka.produce(t, batch(1, 40));
        awaitChart(ADMIN, messageId, t + " \u2014 40 points");

        iterwatch.kill();
        kafka.produce(t, batch(2, 40));
        iterwatch.start();

        awaitChart(ADMIN, messageId, t + " \u2014 80 points");
        assertThat(telegram.calls("sendPhoto")).hasSize(1);
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t).contains("RUNNING").contains("80 points");
    }

    /** Creates the topic, adds and starts its monitor, and returns the id of the pinned chart. */
    private long startedMonitor(String t) {
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added a monitor");
        assertThat(iterwatch.ask(ADMIN, "/start " + t)).contains("Started");
        return pinnedChart(t);
    }

    private String press(long messageId, String data) {
        long before = telegram.calls("sendMessage").stream().filter(c -> toChat(c, ADMIN)).count();
        String id = telegram.userPresses(ADMIN, ADMIN, messageId, data);
        telegram.await(() -> telegram.answeredCallbackQueries().contains(id), TIMEOUT, "press answered");
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(c -> toChat(c, ADMIN)).count() > before,
                TIMEOUT, "a reply to the press");
        List<ApiCall> replies = telegram.calls("sendMessage").stream().filter(c -> toChat(c, ADMIN)).toList();
        return replies.get(replies.size() - 1).param("text").orElseThrow();
    }

    /** Presses a button whose data is not ours and returns the text its press was answered with. */
    private java.util.Optional<String> deadPress(long messageId, String data) {
        String id = telegram.userPresses(ADMIN, ADMIN, messageId, data);
        ApiCall answer = telegram.awaitCall("answerCallbackQuery",
                c -> c.param("callback_query_id").orElse("").equals(id), TIMEOUT);
        return answer.param("text");
    }

    /** Waits for the chart photo of topic t to be sent and pinned in the admin's chat; returns its id. */
    private long pinnedChart(String t) {
        ApiCall photo = telegram.awaitCall("sendPhoto",
                c -> toChat(c, ADMIN) && c.ok() && c.param("caption").orElse("").contains(t), TIMEOUT);
        long messageId = photo.responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> telegram.pinned(ADMIN).orElse(-1) == messageId, TIMEOUT, "the chart pinned");
        return messageId;
    }

    private ChatMessage awaitChart(long chatId, long messageId, String title) {
        telegram.await(() -> telegram.message(chatId, messageId).flatMap(ChatMessage::photo)
                .map(Pictures::title).filter(title::equals).isPresent(), TIMEOUT, "the chart titled '" + title + "'");
        return telegram.message(chatId, messageId).orElseThrow();
    }

    private String caption(long messageId) {
        return telegram.message(ADMIN, messageId).flatMap(ChatMessage::captionText).orElse("");
    }

    static String batch(int iteration, int n) {
        return "{\"iteration\": " + iteration + ", \"values\": [" + IntStream.range(0, n)
                .mapToObj(j -> String.format(Locale.ROOT, "%.6f", Math.sin((iteration * n + j) / 15.0)))
                .collect(Collectors.joining(",")) + "]}";
    }
}
