package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: the events API refuses what it must, stores nothing it refused, and alerts on what it took. */
class EventsApiTest {
    static final long ADMIN = 3001;
    static final long SECOND = 3002;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN, SECOND).configure("""
            api:
              eventsPerSecond: 20
            """);

    @BeforeEach
    void adminFollowsEverySolver(Iterwatch iterwatch) {
        assertThat(iterwatch.ask(ADMIN, "/subscribe all")).contains("Subscribed");
    }

    @Test
    void refusedRequestsNameTheProblemAndStoreNothing(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat) {
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        String good = EventsApi.event("refused-solver", "failed", "must not arrive");
        assertThat(api.post(null, good).status()).isEqualTo(401);
        assertThat(api.post("wrong-token-0123456789", good).status()).isEqualTo(401);
        assertThat(api.post(Iterwatch.API_TOKEN + "x", good).status()).isEqualTo(401);

        assertField(api.post(Iterwatch.API_TOKEN, "{not json"), "body");
        assertField(api.post(Iterwatch.API_TOKEN, "[1, 2]"), "body");
        // Issue 9, finding 7: text after the object, even a second event, is refused rather than dropped.
        String trailing = EventsApi.event("refused-solver", "failed", "trailing");
        assertField(api.post(Iterwatch.API_TOKEN, trailing + " xyz"), "body");
        assertField(api.post(Iterwatch.API_TOKEN, trailing + trailing), "body");
        assertThat(api.post(Iterwatch.API_TOKEN, trailing + trailing).body()).contains("one event");
        assertField(api.post(Iterwatch.API_TOKEN, "{\"event\":\"failed\"}"), "solver");
        assertField(api.post(Iterwatch.API_TOKEN, "{\"solver\":\"refused-solver\"}"), "event");
        assertField(api.post(Iterwatch.API_TOKEN, "{\"solver\":\"refused-solver\",\"event\":\"exploded\"}"), "event");
        assertField(api.post(Iterwatch.API_TOKEN, "{\"solver\":\"refused-solver\",\"event\":\"failed\",\"exitCode\":\"three\"}"),
                "exitCode");
        assertField(api.post(Iterwatch.API_TOKEN, "{\"solver\":\"refused-solver\",\"event\":\"failed\",\"colour\":1}"), "colour");
        String huge = "{\"solver\":\"refused-solver\",\"event\":\"failed\",\"details\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(api.post(Iterwatch.API_TOKEN, HttpRequest.BodyPublishers.ofString(huge)).status()).isEqualTo(413);

        EventsApi.Answer accepted = api.post(Iterwatch.API_TOKEN,
                "{\"solver\":\"marker\",\"event\":\"failed\",\"exitCode\":3,\"host\":\"node-7\",\"details\":\"a <b> & c\\nlast line\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        telegram.await(() -> chat.botTexts(ADMIN).stream().anyMatch(t -> t.contains("marker")), TIMEOUT, "the marker alert");
        String alert = chat.botTexts(ADMIN).stream().filter(t -> t.contains("marker")).findFirst().orElseThrow();
        assertThat(alert).contains("failed").contains("exit code 3").contains("node-7")
                .contains("<pre>a &lt;b&gt; &amp; c\nlast line</pre>");
        ChatMessage message = telegram.messages(ADMIN).stream().filter(m -> m.text() != null && m.text().contains("marker"))
                .findFirst().orElseThrow();
        assertThat(message.buttonTexts()).containsExactly("\ud83d\udd15 Mute 1h", "\u2713 Ack");
        assertThat(message.callbackData()).allSatisfy(d -> assertThat(d.getBytes()).hasSizeLessThanOrEqualTo(64));
        assertThat(chat.botTexts(ADMIN)).noneMatch(t -> t.contains("refused-solver"));
        assertThat(api.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void aBurstPastTheLimitIsAnsweredWith429(Iterwatch iterwatch) {
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(api.post(Iterwatch.OTHER_API_TOKEN, EventsApi.event("burst", "heartbeat", "beat")).status());
        }
        assertThat(statuses).contains(429).contains(202).containsOnly(202, 429);
        // The limit is per token: the other one is not held up.
        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("burst", "heartbeat", "beat")).status()).isEqualTo(202);
    }

    @Test
    void ackShowsWhoAcknowledgedForEveryRecipientAndMuteSilencesOnlyThatChat(Iterwatch iterwatch, FakeTelegram telegram,
                                                                              ChatView chat) {
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        assertThat(iterwatch.ask(SECOND, "/subscribe acked")).contains("Subscribed");
        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("acked", "failed", "first")).status()).isEqualTo(202);
        ChatMessage mine = chat.awaitMessage(ADMIN, "first");
        ChatMessage theirs = chat.awaitMessage(SECOND, "first");

        String ack = mine.callbackData().get(1);
        String press = telegram.userPresses(ADMIN, ADMIN, mine.messageId(), ack);
        telegram.await(() -> telegram.answeredCallbackQueries().contains(press), TIMEOUT, "the Ack answered");
        telegram.await(() -> telegram.message(SECOND, theirs.messageId()).orElseThrow().text().contains("Acknowledged by"),
                TIMEOUT, "the other copy acknowledged");
        assertThat(telegram.message(ADMIN, mine.messageId()).orElseThrow().text()).contains("Acknowledged by @user" + ADMIN);
        assertThat(telegram.message(SECOND, theirs.messageId()).orElseThrow().buttonTexts()).containsExactly("\ud83d\udd15 Mute 1h");

        telegram.userPresses(SECOND, SECOND, theirs.messageId(), theirs.callbackData().get(0));
        telegram.await(() -> chat.botTexts(SECOND).stream().anyMatch(t -> t.contains("Muted for 1 h")), TIMEOUT,
                "mute confirmed");
        api.post(Iterwatch.API_TOKEN, EventsApi.event("acked", "failed", "second"));
        chat.awaitMessage(ADMIN, "second");
        api.post(Iterwatch.API_TOKEN, EventsApi.event("acked", "failed", "third"));
        chat.awaitMessage(ADMIN, "third");
        assertThat(chat.botTexts(SECOND)).noneMatch(t -> t.contains("second") || t.contains("third"));
    }

    private static void assertField(EventsApi.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"" + field + "\"");
    }
}
