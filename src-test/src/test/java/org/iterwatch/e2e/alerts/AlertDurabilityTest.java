package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: alerts are stored before they are sent, and a kill -9 loses, doubles or reorders none. */
class AlertDurabilityTest {
    static final long[] SUBSCRIBERS = {2001, 2002, 2003};
    static final int ALERTS = 50;

    /** About the outbox, not pacing: at Telegram's one message a second per chat, 50 alerts would take 50 s. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(SUBSCRIBERS)
            .configure(IterwatchExtension.QUICK_CHATS);

    @Test
    void acceptedAlertsSurviveAKillAndReachEverySubscriberOnceInOrder(Iterwatch iterwatch, FakeTelegram telegram,
                                                                       ChatView chat) {
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
            assertThat(alerts(chat, user)).isEmpty();
        }

        iterwatch.start();

        for (long user : SUBSCRIBERS) {
            telegram.await(() -> alerts(chat, user).size() >= ALERTS, Duration.ofSeconds(60), ALERTS + " alerts to " + user);
        }
        EventsApi restarted = new EventsApi(iterwatch.apiUrl());
        telegram.await(() -> restarted.get("/healthz").body().contains("\"pendingAlerts\":0"), TIMEOUT, "no pending alerts");
        List<String> expected = IntStream.rangeClosed(1, ALERTS).mapToObj(i -> "alert #" + i + ".").toList();
        for (long user : SUBSCRIBERS) {
            assertThat(alerts(chat, user).stream().map(AlertDurabilityTest::marker).toList()).as("alerts of " + user)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(iterwatch.log().orElseThrow()).doesNotContain(Iterwatch.API_TOKEN).doesNotContain(telegram.token());
    }

    private static List<ChatMessage> alerts(ChatView chat, long chatId) {
        return chat.botMessagesWith(chatId, "alert #");
    }

    private static String marker(ChatMessage m) {
        return m.text().replaceAll("(?s).*(alert #\\d+\\.).*", "$1");
    }
}
