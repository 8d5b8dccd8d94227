package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.ChatView.toChat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 2: a Kafka record reaches a pinned, edited chart in Telegram, through the real process. */
class PinnedChartTest {
    static final long ADMIN = 1001;
    static final long STRANGER = 6666;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN);

    @Test
    void recordsBecomeOnePinnedChartEditedInPlace(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                  ChatView chat) {
        String t = "t";
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added a monitor");
        assertThat(iterwatch.ask(ADMIN, "/start " + t)).contains("Started");
        long messageId = chat.pinnedChart(ADMIN, t);

        for (int i = 1; i <= 3; i++) {
            kafka.produce(t, batch(i, 100));
        }
        ChatMessage chart = chat.awaitChart(ADMIN, messageId, t + " \u2014 300 points");
        // The fake logs a call once it has answered it, which can be just after the chat shows its effect.
        telegram.awaitCall("editMessageMedia", c -> c.files().stream()
                .anyMatch(f -> "t \u2014 300 points".equals(Pictures.title(f.bytes()))), TIMEOUT);

        assertThat(telegram.calls("sendPhoto").stream().filter(c -> toChat(c, ADMIN))).hasSize(1);
        List<ApiCall> edits = telegram.calls("editMessageMedia");
        assertThat(edits).isNotEmpty().allSatisfy(edit -> {
            assertThat(edit.param("message_id")).contains(String.valueOf(messageId));
            JsonNode media = edit.jsonParam("media");
            assertThat(media.path("caption").asText()).contains(t).contains("Points:");
            assertThat(edit.jsonParam("reply_markup").toString()).contains("stop:").contains("status:").doesNotContain("start:");
        });
        byte[] png = chart.photo().orElseThrow();
        assertThat(png.length).isLessThanOrEqualTo(1_000_000);
        BufferedImage image = Pictures.decode(png);
        assertThat(Pictures.count(image, Pictures.POINT_RED)).as("red markers").isGreaterThan(300);
        assertThat(Pictures.count(image, Pictures.LINE_BLUE)).as("blue line").isGreaterThan(200);
        assertThat(Pictures.title(png)).isEqualTo("t \u2014 300 points");
        assertThat(chart.captionText().orElseThrow()).contains("Points: 300").contains("iterations 1\u20133");
        assertThat(chart.buttonTexts()).as("running, in an admin's chat").containsExactly("\u23f9 Stop", "\u2139 Status",
                "\u2022 All", "Latest", "log y", "\u2022 prev. run");
        assertThat(telegram.pinned(ADMIN)).hasValue(messageId);
        telegram.await(() -> telegram.menuFor(ADMIN, ADMIN).size() > telegram.commands().size(), Iterwatch.TIMEOUT,
                "the admin's own menu");
        assertThat(telegram.menuFor(ADMIN, ADMIN)).extracting(c -> c.command())
                .contains("start", "help", "add", "run", "stop", "remove", "status", "topics");
    }

    @Test
    void theMathematicaEnvelopeIsDrawnToo(KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("envelope");
        long messageId = startedMonitor(kafka, chat, t);

        kafka.produce(t, "{\"payload\": \"[0.1,0.2,0.3]\"}");
        kafka.produce(t, "{\"payload\": \"[0.4,0.5]\"}");

        chat.awaitChart(ADMIN, messageId, t + " \u2014 5 points");
    }

    @Test
    void anUnknownTopicIsRefusedNamingCloseMatchesAndCreatesNothing(Iterwatch iterwatch, FakeTelegram telegram,
                                                                    KafkaBroker kafka) {
        kafka.createTopic("missing-topics");

        String reply = iterwatch.ask(ADMIN, "/add missing-topic");

        assertThat(reply).contains("does not exist").contains("missing-topics");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("No monitors yet");
        assertThat(iterwatch.ask(ADMIN, "/start missing-topic")).contains("no monitor or topic missing-topic")
                .contains("Did you mean: missing-topics?");
        assertThat(telegram.calls("sendPhoto")).isEmpty();
    }

    @Test
    void strangersChangeNothingAndLearnOnlyTheirId(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                   ChatView chat) {
        String t = KafkaBroker.uniqueTopic("guarded");
        long messageId = startedMonitor(kafka, chat, t);

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
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t).contains("running");
        kafka.produce(t, batch(1, 10));
        chat.awaitChart(ADMIN, messageId, t + " \u2014 10 points");
    }

    @Test
    void buttonsActOnTheirMonitorAndForgedDataDoesNothing(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                          ChatView chat) {
        String t = KafkaBroker.uniqueTopic("buttons");
        long messageId = startedMonitor(kafka, chat, t);
        List<String> data = telegram.message(ADMIN, messageId).orElseThrow().callbackData();
        assertThat(data).allSatisfy(d -> assertThat(d.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64));

        assertThat(chat.replyToPress(ADMIN, messageId, data.get(0))).contains("Stopped");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("stopped");
        telegram.await(() -> telegram.message(ADMIN, messageId).orElseThrow().buttonTexts().get(0).equals("\u25b6 Start"),
                Iterwatch.TIMEOUT, "Start under the stopped chart");
        String start = telegram.message(ADMIN, messageId).orElseThrow().callbackData().get(0);
        assertThat(chat.replyToPress(ADMIN, messageId, start)).contains("Started");
        assertThat(chat.replyToPress(ADMIN, messageId, data.get(1))).contains("State: RUNNING");
        long replies = telegram.calls("sendMessage").size();
        assertThat(chat.press(ADMIN, ADMIN, messageId, "stop:999999")).contains("This button no longer works.");
        assertThat(chat.press(ADMIN, ADMIN, messageId, "x".repeat(64))).contains("This button no longer works.");
        assertThat(telegram.calls("sendMessage")).as("no reply to a dead button").hasSize((int) replies);
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("running");
    }

    @Test
    void aStoppedMonitorDoesNotEditAndCatchesUpWhenStarted(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                           ChatView chat) {
        String t = KafkaBroker.uniqueTopic("stopstart");
        long messageId = startedMonitor(kafka, chat, t);
        kafka.produce(t, batch(1, 50));
        chat.awaitChart(ADMIN, messageId, t + " \u2014 50 points");

        assertThat(iterwatch.ask(ADMIN, "/stop " + t)).contains("Stopped");
        // The call log, not the chat: the fake shows an edit in the chat a moment before it logs the call.
        telegram.await(() -> telegram.calls("editMessageMedia").stream()
                .anyMatch(c -> c.param("media").orElse("").contains("stopped")), TIMEOUT, "the chart to show 'stopped'");
        int edits = telegram.calls("editMessageMedia").size();
        kafka.produce(t, batch(2, 50));
        // Nothing to wait for: several refresh periods (300 ms) in which a running monitor would have redrawn.
        ChatView.letTimePass(Duration.ofSeconds(2));
        assertThat(telegram.calls("editMessageMedia")).hasSize(edits);

        iterwatch.ask(ADMIN, "/start " + t);
        chat.awaitChart(ADMIN, messageId, t + " \u2014 100 points");
        assertThat(chat.caption(ADMIN, messageId)).contains("running");
    }

    @Test
    void afterAKillTheMonitorRunsOnAndEditsTheSameMessage(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                          ChatView chat) {
        String t = KafkaBroker.uniqueTopic("restart");
        long messageId = startedMonitor(kafka, chat, t);
        kafka.produce(t, batch(1, 40));
        chat.awaitChart(ADMIN, messageId, t + " \u2014 40 points");

        iterwatch.kill();
        kafka.produce(t, batch(2, 40));
        iterwatch.start();

        chat.awaitChart(ADMIN, messageId, t + " \u2014 80 points");
        assertThat(telegram.calls("sendPhoto")).hasSize(1);
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t).contains("running").contains("80 points");
    }

    /** Creates the topic, adds and starts its monitor, and returns the id of the pinned chart. */
    private static long startedMonitor(KafkaBroker kafka, ChatView chat, String t) {
        kafka.createTopic(t);
        assertThat(chat.ask(ADMIN, "/add " + t)).contains("Added a monitor");
        assertThat(chat.ask(ADMIN, "/start " + t)).contains("Started");
        return chat.pinnedChart(ADMIN, t);
    }
}
