package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.subscription.Alerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, hung solvers: a solver that promised a 1 s heartbeat and falls silent raises one "suspected
 * failure" once its grace is over, none while it beats, no second one while it stays silent; its next
 * heartbeat raises one "back"; a solver that said it stopped is not watched any more.
 */
@ExtendWith(KafkaBroker.Extension.class)
class HeartbeatTest {
    static final long FOLLOWER = 5001;
    static final String SOLVER = "heartbeat-probe";
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final Duration GRACE = PERIOD.multipliedBy(Alerts.GRACE_PERIODS);
    static final String SUSPECTED = "is silent: suspected failure";
    static final String BACK = "is back";

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    EventsApi api;
    @TempDir
    Path dir;

    HeartbeatTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        iterwatch = new Iterwatch(dir, telegram, kafka, FOLLOWER).start();
        api = new EventsApi(iterwatch.apiUrl());
        assertThat(iterwatch.ask(FOLLOWER, "/subscribe " + SOLVER)).contains("Subscribed");
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void silencePastTheGraceRaisesOneSuspicionAndTheNextHeartbeatOneBack() {
        post("{\"solver\":\"" + SOLVER + "\",\"event\":\"started\",\"host\":\"node-3\",\"heartbeatSeconds\":1}");
        awaitAlerts("started", 1);
        // Beating faster than promised, for longer than the grace: no suspicion.
        Instant lastBeat = beat(8, Duration.ofMillis(500));
        assertThat(alerts(SUSPECTED)).isEmpty();

        ApiCall suspected = awaitAlerts(SUSPECTED, 1).get(0);
        Duration silence = Duration.between(lastBeat, suspected.receivedAt());
        assertThat(silence).as("silence before the suspicion").isGreaterThan(GRACE)
                .isLessThan(GRACE.plus(GRACE));
        assertThat(suspected.param("text").orElseThrow()).contains("<b>" + SOLVER + "</b>").contains("No heartbeat for")
                .contains("promised every 1 s").contains("node-3");

        // Silent for another whole grace: still that one suspicion.
        pauseFor(GRACE.plus(PERIOD));
        assertThat(alerts(SUSPECTED)).hasSize(1);
        assertThat(alerts(BACK)).isEmpty();

        beat(1, Duration.ZERO);
        ApiCall back = awaitAlerts(BACK, 1).get(0);
        assertThat(back.param("text").orElseThrow()).contains("<b>" + SOLVER + "</b>");
        beat(4, Duration.ofMillis(500));
        post("{\"solver\":\"" + SOLVER + "\",\"event\":\"stopped\",\"exitCode\":0}");
        awaitAlerts("stopped", 1);

        // Stopped: silence is expected now.
        pauseFor(GRACE.plus(PERIOD));
        assertThat(alerts(BACK)).hasSize(1);
        assertThat(alerts(SUSPECTED)).hasSize(1);
        assertThat(telegram.calls("sendMessage").stream().filter(c -> Iterwatch.toChat(c, FOLLOWER))
                .map(c -> c.param("text").orElse("")).filter(t -> t.contains("<b>" + SOLVER + "</b>"))
                .map(HeartbeatTest::headline).toList())
                .containsExactly("started", SUSPECTED, BACK, "stopped");
    }

    /** Posts {@code count} heartbeats {@code every} apart; returns when the last one was sent. */
    private Instant beat(int count, Duration every) {
        Instant sent = null;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                pauseFor(every);
            }
            sent = Instant.now();
            post("{\"solver\":\"" + SOLVER + "\",\"event\":\"heartbeat\"}");
        }
        return sent;
    }

    private void post(String json) {
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private List<ApiCall> awaitAlerts(String headline, int count) {
        telegram.await(() -> alerts(headline).size() >= count, TIMEOUT, count + " '" + headline + "' alerts");
        return alerts(headline);
    }

    private List<ApiCall> alerts(String headline) {
        return telegram.calls("sendMessage").stream().filter(ApiCall::ok).filter(c -> Iterwatch.toChat(c, FOLLOWER))
                .filter(c -> c.param("text").orElse("").contains("<b>" + SOLVER + "</b> " + headline)).toList();
    }

    private static String headline(String text) {
        for (String h : List.of("started", SUSPECTED, BACK, "stopped")) {
            if (text.contains("<b>" + SOLVER + "</b> " + h)) {
                return h;
            }
        }
        return text;
    }

    /** The solver's own rhythm, and the bounded wait of a "nothing more happens" check. */
    private static void pauseFor(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
