package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.ChatView.toChat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 6: every Telegram error handled, nothing lost, updates handled once. */
@Order(2) // the second longest e2e class (a 10 s storm, a 20 s outage, restarts): started early
class DeliveryFaultsTest {
    static final long ADMIN = 1001;
    static final long OTHER_ADMIN = 1002;
    static final Duration STORM = Duration.ofSeconds(10);
    static final Duration OUTAGE = Duration.ofSeconds(20);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN, OTHER_ADMIN);

    @Test
    void aPoisonUpdateIsSkippedAndTheNextCommandAnswered(Iterwatch iterwatch, FakeTelegram telegram) {
        telegram.injectRawUpdate("{\"message\": {\"message_id\": \"not a number\", \"chat\": []}}");

        assertThat(iterwatch.ask(ADMIN, "/help")).contains("/add");
        telegram.awaitUpdatesConsumed(TIMEOUT);
    }

    @Test
    void aCommandHandledBeforeACrashIsNotRunAgain(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                  ChatView chat) {
        String t = KafkaBroker.uniqueTopic("once");
        kafka.createTopic(t);
        // Telegram is not told the update was received: it would hand it out again after the crash
        telegram.failNext("getUpdates", TelegramError.serverError(), 1_000_000);
        telegram.userSends(ADMIN, "/add " + t);
        chat.awaitReply(ADMIN, "Added a monitor");

        iterwatch.kill();
        telegram.clearFailures();
        iterwatch.start();

        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        assertThat(chat.replies(ADMIN)).noneMatch(r -> r.contains("exists already"))
                .filteredOn(r -> r.contains("Added a monitor")).hasSize(1);
    }

    @Test
    void aDeletedPinnedChartIsSentAgainPinnedAndItsNewIdKept(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                             ChatView chat) {
        String t = KafkaBroker.uniqueTopic("deleted");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long first = chat.pinnedChart(ADMIN, t);

        telegram.userDeletes(ADMIN, first);
        kafka.produce(t, batch(1, 20));

        ApiCall again = telegram.awaitCall("sendPhoto", c -> toChat(c, ADMIN) && c.ok()
                && c.responseJson().path("result").path("message_id").asLong() != first, TIMEOUT);
        long second = again.responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> telegram.pinned(ADMIN).orElse(-1) == second, TIMEOUT, "the new chart pinned");
        chat.awaitChart(ADMIN, second, t + " \u2014 20 points");
        assertThat(telegram.calls("unpinChatMessage")).isEmpty();

        iterwatch.kill();
        kafka.produce(t, batch(2, 20));
        iterwatch.start();

        chat.awaitChart(ADMIN, second, t + " \u2014 40 points");
        assertThat(telegram.calls("sendPhoto")).hasSize(2);
    }

    @Test
    void aUserWhoBlockedTheBotIsSkippedOthersAreServedAndAdminsToldOnce(Iterwatch iterwatch, FakeTelegram telegram,
                                                                         KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("blocked");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        iterwatch.ask(OTHER_ADMIN, "/start " + t);
        long mine = chat.pinnedChart(ADMIN, t);
        chat.pinnedChart(OTHER_ADMIN, t);

        telegram.userBlocksBot(OTHER_ADMIN);
        kafka.produce(t, batch(1, 10));
        chat.awaitChart(ADMIN, mine, t + " \u2014 10 points");
        chat.awaitReply(ADMIN, "blocked the bot");
        telegram.await(() -> telegram.callsToChat(OTHER_ADMIN).stream().anyMatch(c -> c.status() == 403), TIMEOUT,
                "the blocked chat refused once");
        int refused = telegram.callsToChat(OTHER_ADMIN).size();

        kafka.produce(t, batch(2, 10));
        chat.awaitChart(ADMIN, mine, t + " \u2014 20 points");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t);

        assertThat(telegram.callsToChat(OTHER_ADMIN)).hasSize(refused);
        assertThat(chat.replies(ADMIN)).filteredOn(r -> r.contains("blocked the bot")).hasSize(1)
                .allSatisfy(r -> assertThat(r).contains(String.valueOf(OTHER_ADMIN)));
    }

    @Test
    void aTooManyRequestsStormLosesNothingAndIsObeyed(FakeTelegram telegram, ChatView chat) {
        telegram.banChat(ADMIN, TelegramError.tooManyRequests(3));
        telegram.userSends(ADMIN, "/help");
        telegram.userSends(ADMIN, "/status");
        telegram.userSends(ADMIN, "/topics");
        // The storm's length is the point: 10 s, several retry_after periods that iterwatch must wait out.
        ChatView.letTimePass(STORM);
        telegram.unbanChat(ADMIN);

        chat.awaitReply(ADMIN, "/add");
        chat.awaitReply(ADMIN, "No monitors yet");
        chat.awaitReply(ADMIN, "Kafka");
        List<ApiCall> toChat = telegram.callsToChat(ADMIN);
        assertThat(toChat).anyMatch(c -> c.status() == 429);
        for (int i = 1; i < toChat.size(); i++) {
            ApiCall before = toChat.get(i - 1);
            if (before.status() == 429) {
                assertThat(Duration.between(before.receivedAt(), toChat.get(i).receivedAt()))
                        .as("wait after %s", before.summary()).isGreaterThanOrEqualTo(Duration.ofMillis(2990));
            }
        }
    }

    @Test
    void afterTwentySecondsOfServerErrorsAndDroppedConnectionsEverythingQueuedIsDelivered(Iterwatch iterwatch,
            FakeTelegram telegram, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("outage");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);

        telegram.failNextInChat("*", ADMIN, TelegramError.serverError(), 3);
        telegram.failNextInChat("*", ADMIN, TelegramError.dropConnection(), 1_000_000);
        telegram.userSends(ADMIN, "/help");
        telegram.userSends(ADMIN, "/status " + t);
        kafka.produce(t, batch(1, 30));
        // The outage's length is the point: iterwatch keeps retrying (with backoff) for all of it.
        ChatView.letTimePass(OUTAGE);
        telegram.clearFailures();

        chat.awaitReply(ADMIN, "/add");
        chat.awaitReply(ADMIN, "State:");
        chat.awaitChart(ADMIN, chart, t + " \u2014 30 points");
        assertThat(telegram.callsToChat(ADMIN)).anyMatch(c -> c.status() == 502).anyMatch(ApiCall::dropped);
    }
}
