package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.subscription.Alerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, hung solvers: a solver that promised a 1 s heartbeat and falls silent raises one "suspected
 * failure" once its grace is over, none while it beats, no second one while it stays silent; its next
 * heartbeat raises one "back"; a solver that said it stopped is not watched any more.
 */
class HeartbeatTest {
    static final long FOLLOWER = 5001;
    static final String SOLVER = "heartbeat-probe";
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final Duration GRACE = PERIOD.multipliedBy(Alerts.GRACE_PERIODS);
    static final String SUSPECTED = "is silent: suspected failure";
    static final String BACK = "is back";

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(FOLLOWER);

    @Test
    void silencePastTheGraceRaisesOneSuspicionAndTheNextHeartbeatOneBack(Iterwatch iterwatch, FakeTelegram telegram,
                                                                          ChatView chat) {
        assertThat(iterwatch.ask(FOLLOWER, "/subscribe " + SOLVER)).contains("Subscribed");
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        post(api, "{\"solver\":\"" + SOLVER + "\",\"event\":\"started\",\"host\":\"node-3\",\"heartbeatSeconds\":1}");
        awaitAlerts(telegram, chat, "started", 1);
        // Beating faster than promised, for longer than the grace: no suspicion.
        Instant lastBeat = beat(api, 8, Duration.ofMillis(500));
        assertThat(alerts(chat, SUSPECTED)).isEmpty();

        ApiCall suspected = awaitAlerts(telegram, chat, SUSPECTED, 1).get(0);
        Duration silence = Duration.between(lastBeat, suspected.receivedAt());
        assertThat(silence).as("silence before the suspicion").isGreaterThan(GRACE)
                .isLessThan(GRACE.plus(GRACE));
        assertThat(suspected.param("text").orElseThrow()).contains("<b>" + SOLVER + "</b>").contains("No heartbeat for")
                .contains("promised every 1 s").contains("node-3");

        // Silent for another whole grace (the silence is the point): still that one suspicion.
        ChatView.letTimePass(GRACE.plus(PERIOD));
        assertThat(alerts(chat, SUSPECTED)).hasSize(1);
        assertThat(alerts(chat, BACK)).isEmpty();

        beat(api, 1, Duration.ZERO);
        ApiCall back = awaitAlerts(telegram, chat, BACK, 1).get(0);
        assertThat(back.param("text").orElseThrow()).contains("<b>" + SOLVER + "</b>");
        beat(api, 4, Duration.ofMillis(500));
        post(api, "{\"solver\":\"" + SOLVER + "\",\"event\":\"stopped\",\"exitCode\":0}");
        awaitAlerts(telegram, chat, "stopped", 1);

        // Stopped: silence is expected now, and is the point: nothing may come of it.
        ChatView.letTimePass(GRACE.plus(PERIOD));
        assertThat(alerts(chat, BACK)).hasSize(1);
        assertThat(alerts(chat, SUSPECTED)).hasSize(1);
        assertThat(chat.sentTexts(FOLLOWER).stream().filter(t -> t.contains("<b>" + SOLVER + "</b>"))
                .map(HeartbeatTest::headline).toList())
                .containsExactly("started", SUSPECTED, BACK, "stopped");
    }

    /** Posts {@code count} heartbeats {@code every} apart; returns when the last one was sent. */
    private static Instant beat(EventsApi api, int count, Duration every) {
        Instant sent = null;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                ChatView.letTimePass(every); // the solver's own rhythm
            }
            sent = Instant.now();
            post(api, "{\"solver\":\"" + SOLVER + "\",\"event\":\"heartbeat\"}");
        }
        return sent;
    }

    private static void post(EventsApi api, String json) {
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private static List<ApiCall> awaitAlerts(FakeTelegram telegram, ChatView chat, String headline, int count) {
        telegram.await(() -> alerts(chat, headline).size() >= count, TIMEOUT, count + " '" + headline + "' alerts");
        return alerts(chat, headline);
    }

    private static List<ApiCall> alerts(ChatView chat, String headline) {
        return chat.delivered(FOLLOWER, "<b>" + SOLVER + "</b> " + headline);
    }

    private static String headline(String text) {
        for (String h : List.of("started", SUSPECTED, BACK, "stopped")) {
            if (text.contains("<b>" + SOLVER + "</b> " + h)) {
                return h;
            }
        }
        return text;
    }
}
