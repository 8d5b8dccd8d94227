package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.ChatView.toChat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.util.List;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10: a group that follows a chart and a solver is upgraded by Telegram to a supergroup, with the
 * upgrade announced (Telegram's migrate_to_chat_id / migrate_from_chat_id messages) or not (the first thing
 * to meet the new id is an alert). Alerts, the chart, /status and subscriptions all go on in the
 * supergroup, each alert once, and nothing else is lost; also across a restart.
 */
class SupergroupUpgradeTest {
    static final long ADMIN = 1201;
    static final long GROUP = -4201;
    static final long SUPERGROUP = -1_000_000_004_201L;
    static final String SOLVER = "airy-upgrade";

    /** About where messages go, not pacing: at Telegram's 20 a minute per group, each would wait 3 s. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).groups(GROUP)
            .configure(IterwatchExtension.QUICK_CHATS);

    @ParameterizedTest(name = "announced: {0}")
    @ValueSource(booleans = {true, false})
    void alertsChartsStatusAndSubscriptionsContinueInTheSupergroup(boolean announced, Iterwatch iterwatch,
                                                                    FakeTelegram telegram, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("upgraded");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        assertThat(iterwatch.ask(ADMIN, "/subscribe " + SOLVER)).contains("Subscribed");
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        long oldChart = chat.pinnedChart(GROUP, t);
        telegram.userSendsInGroup(GROUP, ADMIN, "/subscribe " + SOLVER);
        chat.awaitReply(GROUP, "Subscribed");
        kafka.produce(t, batch(1, 10));
        chat.awaitChart(GROUP, oldChart, t + " \u2014 10 points");

        telegram.upgradeToSupergroup(GROUP, SUPERGROUP, ADMIN, announced);
        if (announced) {
            telegram.awaitUpdatesConsumed(TIMEOUT);
        }
        post(iterwatch, "first after the upgrade");
        awaitAlert(telegram, chat, SUPERGROUP, "first after the upgrade");
        awaitAlert(telegram, chat, ADMIN, "first after the upgrade");

        kafka.produce(t, batch(2, 10));
        long chart = chat.pinnedChart(SUPERGROUP, t);
        chat.awaitChart(SUPERGROUP, chart, t + " \u2014 20 points");
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/status");
        chat.awaitReply(SUPERGROUP, t);
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/subscribe");
        chat.awaitReply(SUPERGROUP, SOLVER);

        post(iterwatch, "second after the upgrade");
        awaitAlert(telegram, chat, SUPERGROUP, "second after the upgrade");

        iterwatch.stop();
        iterwatch.start();
        post(iterwatch, "third, after a restart");
        awaitAlert(telegram, chat, SUPERGROUP, "third, after a restart");
        awaitAlert(telegram, chat, ADMIN, "third, after a restart");
        kafka.produce(t, batch(3, 10));
        chat.awaitChart(SUPERGROUP, chart, t + " \u2014 30 points");

        for (String text : List.of("first after the upgrade", "second after the upgrade", "third, after a restart")) {
            assertThat(chat.delivered(SUPERGROUP, text)).as("copies of '%s' in the supergroup", text).hasSize(1);
            assertThat(chat.delivered(ADMIN, text)).as("copies of '%s' in the private chat", text).hasSize(1);
        }
        assertThat(telegram.calls("sendPhoto").stream().filter(c -> toChat(c, SUPERGROUP) && c.ok()).count())
                .as("one chart in the supergroup, edited in place").isEqualTo(1);
        // Both runs' output: the move happened in the first.
        String log = iterwatch.outputOfAllRuns();
        assertThat(log.lines().filter(l -> l.contains("became supergroup")).count())
                .as("the move is noticed once, not in a loop").isLessThanOrEqualTo(1);
    }

    @Test
    void aChatMovedToItselfLosesNothing(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("self");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        // An unlisted supergroup gets no answer; list it by moving the listed group there first.
        telegram.upgradeToSupergroup(GROUP, SUPERGROUP, ADMIN, true);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/start " + t);
        long chart = chat.pinnedChart(SUPERGROUP, t);
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/subscribe " + SOLVER);
        chat.awaitReply(SUPERGROUP, "Subscribed");

        // Telegram's migrate_from message names the supergroup itself (as a confused client might send).
        telegram.injectRawUpdate("{\"message\":{\"message_id\":99,\"date\":0,\"chat\":{\"id\":" + SUPERGROUP
                + ",\"type\":\"supergroup\",\"title\":\"S\"},\"migrate_from_chat_id\":" + SUPERGROUP + "}}");
        telegram.awaitUpdatesConsumed(TIMEOUT);
        kafka.produce(t, batch(1, 7));
        chat.awaitChart(SUPERGROUP, chart, t + " \u2014 7 points");
        post(iterwatch, "after a self-move");
        awaitAlert(telegram, chat, SUPERGROUP, "after a self-move");
        telegram.userSendsInGroup(SUPERGROUP, ADMIN, "/status");
        chat.awaitReply(SUPERGROUP, t);
    }

    private static void post(Iterwatch iterwatch, String message) {
        EventsApi.Answer answer = new EventsApi(iterwatch.apiUrl()).post(Iterwatch.API_TOKEN,
                EventsApi.event(SOLVER, "failed", message));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private static void awaitAlert(FakeTelegram telegram, ChatView chat, long chatId, String text) {
        telegram.await(() -> !chat.delivered(chatId, text).isEmpty(), TIMEOUT, "the alert '" + text + "' in chat " + chatId);
    }
}
