package org.iterwatch.e2e.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iterwatch.bot.Instance;
import org.iterwatch.bot.Main;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the active side of a running instance (Telegram polling, delivery, monitors, the alert outbox,
 * the heartbeat watch, command handling) stops and starts again inside the process, as a standby taking over
 * will need. While it is stopped, nothing reaches Telegram and its threads are gone, but the events API still
 * takes alerts in; once started again, the alert, the command and the chart's new points all arrive, once, on
 * the same pinned message. Runs iterwatch in this JVM, since the test drives its lifecycle directly.
 */
@ExtendWith(KafkaBroker.Extension.class)
class ActiveRestartTest {
    static final long ADMIN = 1301;
    static final List<String> ACTIVE_THREADS = List.of("telegram-poll", "telegram-delivery", "telegram-send", "chart-draw",
            "alert-outbox", "heartbeat-watch", "chat-");

    final KafkaBroker kafka;
    final FakeTelegram telegram = FakeTelegram.start();
    Instance instance;
    @TempDir
    Path dir;

    ActiveRestartTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @AfterEach
    void close() {
        if (instance != null) {
            instance.close();
        }
        telegram.close();
    }

    @Test
    void theActiveSideStopsAndStartsAgainAndPicksUpWhereItStopped() throws IOException {
        instance = Main.start(new Iterwatch(dir, telegram, kafka, ADMIN).config());
        telegram.awaitPolling(TIMEOUT);
        String t = KafkaBroker.uniqueTopic("restart");
        kafka.createTopic(t);
        ask("/add " + t);
        ask("/subscribe solver-r");
        ask("/start " + t);
        long chart = telegram.awaitCall("sendPhoto", c -> toChat(c, ADMIN) && c.ok(), TIMEOUT)
                .responseJson().path("result").path("message_id").asLong();
        kafka.produce(t, "{\"iteration\": 1, \"values\": [1, 2, 3]}");
        awaitCaption(chart, "Points: 3");

        instance.stopActive();
        assertThat(instance.threads()).noneMatch(n -> ACTIVE_THREADS.stream().anyMatch(n::contains))
                .anyMatch(n -> n.contains("audit-writer"));
        telegram.await(() -> !telegram.isPolling(), TIMEOUT, "the poller to let go");
        int callsWhenStopped = telegram.calls().size();
        EventsApi api = new EventsApi("http://127.0.0.1:" + Files.readString(dir.resolve("data/http.port")).strip());
        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("solver-r", "failed", "while stopped")).status())
                .as("the events API stays up").isEqualTo(202);
        kafka.produce(t, "{\"iteration\": 2, \"values\": [4, 5, 6]}");
        telegram.userSends(ADMIN, "/status " + t);
        // Nothing may happen while stopped: watched for two refresh periods and a poll timeout.
        sleep(2_000);
        assertThat(telegram.calls().subList(callsWhenStopped, telegram.calls().size()))
                .as("no call to Telegram while the active side is stopped").isEmpty();

        instance.startActive();
        telegram.await(() -> sent("while stopped") == 1, TIMEOUT, "the alert taken in while stopped");
        telegram.await(() -> sent("State:") == 1, TIMEOUT, "the answer to /status sent while stopped");
        awaitCaption(chart, "Points: 6");
        List<String> threadsAfterFirst = instance.threads();

        instance.stopActive();
        instance.startActive();
        telegram.awaitPolling(TIMEOUT);
        kafka.produce(t, "{\"iteration\": 3, \"values\": [7, 8, 9]}");
        awaitCaption(chart, "Points: 9");
        assertThat(telegram.calls("sendPhoto")).filteredOn(ApiCall::ok).as("one chart, edited in place").hasSize(1);
        assertThat(sent("while stopped")).isEqualTo(1);
        assertThat(sent("State:")).as("the command ran once").isEqualTo(1);
        assertThat(instance.threads().size()).as("no thread left behind").isLessThanOrEqualTo(threadsAfterFirst.size() + 2);
    }

    private void ask(String command) {
        long before = telegram.calls("sendMessage").stream().filter(c -> toChat(c, ADMIN)).count();
        telegram.userSends(ADMIN, command);
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(c -> toChat(c, ADMIN)).count() > before,
                TIMEOUT, "a reply to " + command);
    }

    private long sent(String text) {
        return telegram.calls("sendMessage").stream().filter(c -> toChat(c, ADMIN) && c.ok())
                .filter(c -> c.param("text").orElse("").contains(text)).count();
    }

    private void awaitCaption(long messageId, String text) {
        telegram.await(() -> telegram.message(ADMIN, messageId).map(m -> String.valueOf(m.caption()).contains(text))
                .orElse(false), TIMEOUT, "the chart's caption to say " + text);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
