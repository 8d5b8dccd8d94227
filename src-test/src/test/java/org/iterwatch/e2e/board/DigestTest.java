package org.iterwatch.e2e.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: /digest at a time the test sets (some seconds ahead, UTC) survives a restart of iterwatch (a durable
 * Quartz job), fires once, and tells the last 24 h with the right counts: alerts the chat got and who acknowledged
 * them, monitors started, stopped and failed, points added since the digest was set; its picture is the board.
 */
class DigestTest {
    static final long LEAD = 1801;
    static final String SOLVER = "digest-solver";
    static final Duration AHEAD = Duration.ofSeconds(45);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(LEAD)
            .configure(IterwatchExtension.QUICK_CHATS).configure("monitors: {failureLimit: 2}");

    @Test
    void aDigestAtTheSetTimeComesOnceWithTheDaysCounts(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                         ChatView chat) {
        assertThat(iterwatch.ask(LEAD, "/subscribe " + SOLVER)).contains("Subscribed");
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        for (String event : List.of("failed", "stopped")) {
            assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event(SOLVER, event, "digest-" + event)).status()).isEqualTo(202);
        }
        ChatMessage failed = chat.awaitMessage(LEAD, SOLVER, "digest-failed");
        chat.awaitMessage(LEAD, SOLVER, "digest-stopped");
        String ack = failed.callbackData().stream().filter(d -> d.startsWith("ack:")).findFirst().orElseThrow();
        chat.press(LEAD, LEAD, failed.messageId(), ack);
        telegram.await(() -> chat.message(LEAD, failed.messageId()).text().contains("Acknowledged by"), TIMEOUT, "the Ack");

        String prefix = KafkaBroker.uniqueTopic("digest");
        String kept = prefix + ".kept";
        String stopped = prefix + ".stopped";
        String failing = prefix + ".failing";
        long keptChart = 0;
        for (String t : List.of(kept, stopped, failing)) {
            kafka.createTopic(t);
            kafka.produce(t, batch(1, 10));
            iterwatch.ask(LEAD, "/add " + t);
            iterwatch.ask(LEAD, "/start " + t);
            long chart = chat.pinnedChart(LEAD, t);
            chat.awaitChart(LEAD, chart, t + " \u2014 10 points");
            keptChart = t.equals(kept) ? chart : keptChart;
        }
        iterwatch.ask(LEAD, "/stop " + stopped);
        kafka.deleteTopic(failing);
        chat.awaitMessages(LEAD, 1, failing, "failed and stopped");
        // the board looks at the monitors every second: one more look sees the last change
        ChatView.letTimePass(Duration.ofSeconds(2));

        String at = LocalTime.now(ZoneOffset.UTC).plus(AHEAD).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        String shown = at.endsWith(":00") ? at.substring(0, 5) : at;   // whole minutes are shown as 08:30
        assertThat(iterwatch.ask(LEAD, "/digest " + at + " UTC")).contains("Daily digest here at " + shown + " UTC");
        kafka.produce(kept, batch(2, 25));
        chat.awaitChart(LEAD, keptChart, kept + " \u2014 35 points");
        iterwatch.stop();
        iterwatch.start();
        assertThat(iterwatch.ask(LEAD, "/digest")).as("kept across the restart").contains("at " + shown + " UTC");

        ApiCall digest = telegram.awaitCall("sendPhoto", c -> Iterwatch.toChat(c, LEAD) && c.ok()
                && c.param("caption").orElse("").contains("Daily digest"), AHEAD.plus(TIMEOUT));
        String caption = chat.caption(LEAD, digest.responseJson().path("result").path("message_id").asLong());
        assertThat(caption).contains("Alerts: 3 raised, 1 acknowledged")   // the two of the solver, the failed monitor's
                .contains("\u2713 " + SOLVER + " failed \u2014 acknowledged by @user" + LEAD)   // by name, as Telegram calls them
                .contains("\u00b7 " + SOLVER + " stopped")
                .contains("Monitors: 3 started, 1 stopped, 1 failed")
                .contains("Points added: 25 (" + kept + " +25)");
        byte[] board = chat.message(LEAD, digest.responseJson().path("result").path("message_id").asLong()).photo().orElseThrow();
        assertThat(Pictures.title(board)).startsWith("Monitors \u2014 3");

        ChatView.letTimePass(Duration.ofSeconds(3));
        assertThat(telegram.calls("sendPhoto").stream().filter(c -> Iterwatch.toChat(c, LEAD)
                && c.param("caption").orElse("").contains("Daily digest")).count()).as("fired once").isEqualTo(1);
        assertThat(iterwatch.ask(LEAD, "/digest off")).isEqualTo("No more digests here.");
        assertThat(iterwatch.ask(LEAD, "/digest")).startsWith("This chat gets no digest.");
        assertThat(iterwatch.ask(LEAD, "/digest 25:00")).startsWith("Usage: /digest");
        assertThat(iterwatch.ask(LEAD, "/digest 08:30 Mars/Olympus")).startsWith("Unknown time zone 'Mars/Olympus'");
    }
}
