package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.process.Scrape;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11: a chart is drawn when its chat's turn to send it comes, of the newest data. Twelve monitors in one
 * group get new data every second while the group takes Telegram's 20 requests a minute: a tick-driven drawing
 * would render about 240 charts to send 10; here every chart drawn is sent, and each ends showing its last data.
 * The set-up (twelve first charts and pins) runs with fast pacing; the measured run uses the defaults.
 */
class DrawWhenSentTest {
    static final long ADMIN = 1101;
    static final long GROUP = -1_000_000_011_011L;
    static final int MONITORS = 12;
    static final int ROUNDS = 20;
    static final int VALUES = 10;
    static final Duration ROUND = Duration.ofSeconds(1);
    /** Twelve charts at 3 s each, after the rounds, on a loaded machine. */
    static final Duration LONG = Duration.ofSeconds(120);
    /** A chart drawn and not yet confirmed by Telegram when /metrics is read. */
    static final int IN_FLIGHT = 1;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).groups(GROUP)
            .configure(IterwatchExtension.QUICK_CHATS).configure("monitors: {refreshPeriod: 500ms}");

    @Test
    void busyMonitorsInAPacedGroupDrawOnlyWhatIsSent(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                     ChatView chat) {
        String prefix = KafkaBroker.uniqueTopic("drawn");
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            String t = prefix + "." + i;
            kafka.createTopic(t);
            kafka.produce(t, batch(0, VALUES));
            telegram.userSendsInGroup(GROUP, ADMIN, "/add " + t);
            telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
            topics.add(t);
        }
        Map<String, Long> chartOf = new LinkedHashMap<>();
        topics.forEach(t -> chartOf.put(t, chat.chart(GROUP, t).messageId()));
        telegram.await(() -> telegram.calls("pinChatMessage").stream().filter(ApiCall::ok).count() == MONITORS,
                LONG, "the charts pinned");
        topics.forEach(t -> chat.awaitChart(GROUP, chartOf.get(t), t + " \u2014 " + VALUES + " points"));

        iterwatch.process().stop();
        iterwatch.configure("delivery: null");
        iterwatch.start();
        telegram.enforceLimits(30, 1, 20);
        for (int round = 1; round <= ROUNDS; round++) {
            long started = System.nanoTime();
            for (String t : topics) {
                kafka.produce(t, batch(round, VALUES));
            }
            // The rhythm is the point: every monitor has new data every second, far more than the group takes.
            ChatView.letTimePass(Duration.ofNanos(Math.max(0, ROUND.toNanos() - (System.nanoTime() - started))));
        }
        Map<String, Double> during = Scrape.metrics(iterwatch.apiUrl());

        String last = " \u2014 " + (ROUNDS + 1) * VALUES + " points";
        topics.forEach(t -> telegram.await(() -> chat.title(GROUP, chartOf.get(t)).equals(t + last), LONG, t + " final"));
        Map<String, Double> after = Scrape.metrics(iterwatch.apiUrl());

        double sent = after.get("iterwatch_charts_sent_total");
        System.out.printf("charts drawn %.0f, sent %.0f, drafts replaced while waiting %.0f%n",
                after.get("iterwatch_charts_drawn_total"), sent, after.get("iterwatch_delivery_coalesced_total"));
        // The load was real: most drafts were replaced by newer ones before their turn, each a render saved.
        assertThat(during.get("iterwatch_delivery_coalesced_total")).isGreaterThan(during.get("iterwatch_charts_drawn_total"));
        assertThat(during.get("iterwatch_charts_drawn_total")).as("drawn while busy")
                .isLessThanOrEqualTo(during.get("iterwatch_charts_sent_total") + IN_FLIGHT);
        // Each chart once at least (its final state); the first tick after the restart redraws nothing.
        assertThat(sent).isGreaterThanOrEqualTo(MONITORS).isLessThan(ROUNDS * MONITORS / 4.0);
        assertThat(after.get("iterwatch_charts_drawn_total")).as("drawn in all").isLessThanOrEqualTo(sent + IN_FLIGHT);
        assertThat(telegram.tooManyRequestsCount()).isZero();
        assertThat(telegram.calls("sendPhoto")).hasSize(MONITORS);
        byte[] png = chat.message(GROUP, chartOf.get(topics.get(0))).photo().orElseThrow();
        assertThat(Pictures.count(Pictures.decode(png), Pictures.POINT_RED)).as("red markers")
                .isGreaterThan((ROUNDS + 1) * VALUES);
    }
}
