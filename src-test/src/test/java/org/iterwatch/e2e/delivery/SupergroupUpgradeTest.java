package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.delivery.Charts.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10: a group that follows a chart and a solver is upgraded by Telegram to a supergroup, with the
 * upgrade announced (Telegram's migrate_to_chat_id / migrate_from_chat_id messages) or not (the first thing
 * to meet the new id is an alert). Alerts, the chart, /status and subscriptions all go on in the
 * supergroup, each alert once, and nothing else is lost; also across a restart.
 */
@ExtendWith(KafkaBroker.Extension.class)
class SupergroupUpgradeTest {
    static final long ADMIN = 1201;
    static final long GROUP = -4201;
    static final long SUPERGROUP = -1_000_000_004_201L;
    static final String SOLVER = "airy-upgrade";

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    Charts charts;
    EventsApi api;
    @TempDir
    Path dir;

    SupergroupUpgradeTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        charts = new Charts(telegram);
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).groups(GROUP).start();
        api = new EventsApi(iterwatch.apiUrl());
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @ParameterizedTest(name = "announced: {0}")
    @ValueSource(booleans = {true, false})
    void alertsChartsStatusAndSubscriptionsContinueInTheSupergroup(boolean announced) {
        String t = KafkaBroker.uniqueTopic("upgraded");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        assertThat(iterwatch.ask(ADMIN, "/subscribe " + SOLVER)).contains("Subscribed");
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        long oldChart = charts.pinned(GROUP, t);
        telegram.userSendsInGroup(GROUP, ADMIN, "/subscribe " + SOLVER);
        charts.awaitReply(GROUP, "Subscribed");
        kafka.produce(t, batch(1, 10));
        charts.awaitTitle(GROUP, oldChart, t + " \u2014 10 points");

        telegram.upgradeToSupergroup(GROUP, SUPERGROUP, ADMIN, announced);
        if (announced) {
            telegram.awaitUpdatesConsumed(TIMEOUT);
        }
        post("first after the upgrade");
        awaitAlert(SUPERGROUP, "first after the upgrade");
        awaitAlert(ADMIN, "first after the upgrade");

        kafka.produce(t, batch(2, 10));
        long chart = charts.pinned(SUPERGROUP, t);
        charts.awaitTitle(SUPERGROUP, chart, t + " \u2014 20 points");
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/status");
        charts.awaitReply(SUPERGROUP, t);
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/subscribe");
        charts.awaitReply(SUPERGROUP, SOLVER);

        post("second after the upgrade");
        awaitAlert(SUPERGROUP, "second after the upgrade");

        iterwatch.stop();
        iterwatch.start();
        api = new EventsApi(iterwatch.apiUrl());
        post("third, after a restart");
        awaitAlert(SUPERGROUP, "third, after a restart");
        awaitAlert(ADMIN, "third, after a restart");
        kafka.produce(t, batch(3, 10));
        charts.awaitTitle(SUPERGROUP, chart, t + " \u2014 30 points");

        for (String text : List.of("first after the upgrade", "second after the upgrade", "third, after a restart")) {
            assertThat(alerts(SUPERGROUP, text)).as("copies of '%s' in the supergroup", text).isEqualTo(1);
            assertThat(alerts(ADMIN, text)).as("copies of '%s' in the private chat", text).isEqualTo(1);
        }
        assertThat(telegram.calls("sendPhoto").stream().filter(c -> toChat(c, SUPERGROUP) && c.ok()).count())
                .as("one chart in the supergroup, edited in place").isEqualTo(1);
        String log = logs();
        assertThat(log.lines().filter(l -> l.contains("became supergroup")).count())
                .as("the move is noticed once, not in a loop").isLessThanOrEqualTo(1);
    }

    @Test
    void aChatMovedToItselfLosesNothing() {
        String t = KafkaBroker.uniqueTopic("self");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        // An unlisted supergroup gets no answer; list it by moving the listed group there first.
        telegram.upgradeToSupergroup(GROUP, SUPERGROUP, ADMIN, true);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/start " + t);
        long chart = charts.pinned(SUPERGROUP, t);
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/subscribe " + SOLVER);
        charts.awaitReply(SUPERGROUP, "Subscribed");

        // Telegram's migrate_from message names the supergroup itself (as a confused client might send).
        telegram.injectRawUpdate("{\"message\":{\"message_id\":99,\"date\":0,\"chat\":{\"id\":" + SUPERGROUP
                + ",\"type\":\"supergroup\",\"title\":\"S\"},\"migrate_from_chat_id\":" + SUPERGROUP + "}}");
        telegram.awaitUpdatesConsumed(TIMEOUT);
        kafka.produce(t, batch(1, 7));
        charts.awaitTitle(SUPERGROUP, chart, t + " \u2014 7 points");
        post("after a self-move");
        awaitAlert(SUPERGROUP, "after a self-move");
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/status");
        charts.awaitReply(SUPERGROUP, t);
    }

    /** Both runs' output: the move happened in the first. */
    private String logs() {
        StringBuilder all = new StringBuilder();
        for (int run = 1; Files.exists(dir.resolve("iterwatch-" + run + ".log")); run++) {
            try {
                all.append(Files.readString(dir.resolve("iterwatch-" + run + ".log")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    private void post(String message) {
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event(SOLVER, "failed", message));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private void awaitAlert(long chatId, String text) {
        telegram.await(() -> alerts(chatId, text) >= 1, TIMEOUT, "the alert '" + text + "' in chat " + chatId);
    }

    private long alerts(long chatId, String text) {
        return telegram.calls("sendMessage").stream().filter(c -> toChat(c, chatId) && c.ok())
                .filter(c -> c.param("text").orElse("").contains(text)).count();
    }
}
