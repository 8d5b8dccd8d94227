package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: alerts are stored before they are sent, and a kill -9 loses, doubles or reorders none. */
@ExtendWith(KafkaBroker.Extension.class)
class AlertDurabilityTest {
    static final long[] SUBSCRIBERS = {2001, 2002, 2003};
    static final int ALERTS = 50;

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    @TempDir
    Path dir;

    AlertDurabilityTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        iterwatch = new Iterwatch(dir, telegram, kafka, SUBSCRIBERS).start();
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void acceptedAlertsSurviveAKillAndReachEverySubscriberOnceInOrder() {
        for (long user : SUBSCRIBERS) {
            assertThat(iterwatch.ask(user, "/subscribe airy")).contains("Subscribed");
            telegram.banChat(user, TelegramError.serverError());
        }
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        for (int i = 1; i <= ALERTS; i++) {
            EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event("airy", "failed", "alert #" + i + "."));
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            assertThat(answer.body()).matches("\\{\"id\":\"[0-9a-f-]{36}\"\\}");
        }
        // Telegram refuses them all until the crash: the outbox must hold them.
        telegram.awaitCall("sendMessage", c -> !c.ok() && c.param("text").orElse("").contains("alert #1."), TIMEOUT);
        iterwatch.kill();
        for (long user : SUBSCRIBERS) {
            telegram.unbanChat(user);
            assertThat(alerts(user)).isEmpty();
        }

        iterwatch.start();

        for (long user : SUBSCRIBERS) {
            telegram.await(() -> alerts(user).size() >= ALERTS, Duration.ofSeconds(60), ALERTS + " alerts to " + user);
        }
        EventsApi restarted = new EventsApi(iterwatch.apiUrl());
        telegram.await(() -> restarted.get("/healthz").body().contains("\"pendingAlerts\":0"), TIMEOUT, "no pending alerts");
        List<String> expected = IntStream.rangeClosed(1, ALERTS).mapToObj(i -> "alert #" + i + ".").toList();
        for (long user : SUBSCRIBERS) {
            assertThat(alerts(user).stream().map(AlertDurabilityTest::marker).toList()).as("alerts of " + user)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(iterwatch.log().orElseThrow()).doesNotContain(Iterwatch.API_TOKEN).doesNotContain(telegram.token());
    }

    private List<ChatMessage> alerts(long chat) {
        return telegram.messages(chat).stream().filter(ChatMessage::fromBot)
                .filter(m -> m.text() != null && m.text().contains("alert #")).toList();
    }

    private static String marker(ChatMessage m) {
        return m.text().replaceAll("(?s).*(alert #\\d+\\.).*", "$1");
    }
}
