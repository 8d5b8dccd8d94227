package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.delivery.Charts.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6: every Telegram error handled, nothing lost, updates handled once. */
@ExtendWith(KafkaBroker.Extension.class)
class DeliveryFaultsTest {
    static final long ADMIN = 1001;
    static final long OTHER_ADMIN = 1002;

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    Charts charts;
    @TempDir
    Path dir;

    DeliveryFaultsTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        charts = new Charts(telegram);
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN, OTHER_ADMIN).start();
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void aPoisonUpdateIsSkippedAndTheNextCommandAnswered() {
        telegram.injectRawUpdate("{\"message\": {\"message_id\": \"not a number\", \"chat\": []}}");

        assertThat(iterwatch.ask(ADMIN, "/help")).contains("/add");
        telegram.awaitUpdatesConsumed(TIMEOUT);
    }

    @Test
    void aCommandHandledBeforeACrashIsNotRunAgain() {
        String t = KafkaBroker.uniqueTopic("once");
        kafka.createTopic(t);
        // Telegram is not told the update was received: it would hand it out again after the crash
        telegram.failNext("getUpdates", TelegramError.serverError(), 1_000_000);
        telegram.userSends(ADMIN, "/add " + t);
        charts.awaitReply(ADMIN, "Added a monitor");

        iterwatch.kill();
        telegram.clearFailures();
        iterwatch.start();

        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        assertThat(charts.replies(ADMIN)).noneMatch(r -> r.contains("exists already"))
                .filteredOn(r -> r.contains("Added a monitor")).hasSize(1);
    }

    @Test
    void aDeletedPinnedChartIsSentAgainPinnedAndItsNewIdKept() throws Exception {
        String t = KafkaBroker.uniqueTopic("deleted");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long first = charts.pinned(ADMIN, t);

        charts.delete(ADMIN, first);
        kafka.produce(t, batch(1, 20));

        ApiCall again = telegram.awaitCall("sendPhoto", c -> toChat(c, ADMIN) && c.ok()
                && c.responseJson().path("result").path("message_id").asLong() != first, TIMEOUT);
        long second = again.responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> telegram.pinned(ADMIN).orElse(-1) == second, TIMEOUT, "the new chart pinned");
        charts.awaitTitle(ADMIN, second, t + " \u2014 20 points");
        assertThat(telegram.calls("unpinChatMessage")).isEmpty();

        iterwatch.kill();
        kafka.produce(t, batch(2, 20));
        iterwatch.start();

        charts.awaitTitle(ADMIN, second, t + " \u2014 40 points");
        assertThat(telegram.calls("sendPhoto")).hasSize(2);
    }

    @Test
    void aUserWhoBlockedTheBotIsSkippedOthersAreServedAndAdminsToldOnce() {
        String t = KafkaBroker.uniqueTopic("blocked");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        iterwatch.ask(OTHER_ADMIN, "/start " + t);
        long mine = charts.pinned(ADMIN, t);
        charts.pinned(OTHER_ADMIN, t);

        telegram.userBlocksBot(OTHER_ADMIN);
        kafka.produce(t, batch(1, 10));
        charts.awaitTitle(ADMIN, mine, t + " \u2014 10 points");
        charts.awaitReply(ADMIN, "blocked the bot");
        telegram.await(() -> telegram.callsToChat(OTHER_ADMIN).stream().anyMatch(c -> c.status() == 403), TIMEOUT,
                "the blocked chat refused once");
        int refused = telegram.callsToChat(OTHER_ADMIN).size();

        kafka.produce(t, batch(2, 10));
        charts.awaitTitle(ADMIN, mine, t + " \u2014 20 points");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(t);

        assertThat(telegram.callsToChat(OTHER_ADMIN)).hasSize(refused);
        assertThat(charts.replies(ADMIN)).filteredOn(r -> r.contains("blocked the bot")).hasSize(1)
                .allSatisfy(r -> assertThat(r).contains(String.valueOf(OTHER_ADMIN)));
    }

    @Test
    void aTooManyRequestsStormLosesNothingAndIsObeyed() throws InterruptedException {
        telegram.banChat(ADMIN, TelegramError.tooManyRequests(3));
        telegram.userSends(ADMIN, "/help");
        telegram.userSends(ADMIN, "/status");
        telegram.userSends(ADMIN, "/topics");
        Thread.sleep(10_000); // the storm lasts 10 s
        telegram.unbanChat(ADMIN);

        charts.awaitReply(ADMIN, "/add");
        charts.awaitReply(ADMIN, "No monitors yet");
        charts.awaitReply(ADMIN, "Kafka");
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
    void afterTwentySecondsOfServerErrorsAndDroppedConnectionsEverythingQueuedIsDelivered() throws Exception {
        String t = KafkaBroker.uniqueTopic("outage");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = charts.pinned(ADMIN, t);

        telegram.failNextInChat("*", ADMIN, TelegramError.serverError(), 3);
        telegram.failNextInChat("*", ADMIN, TelegramError.dropConnection(), 1_000_000);
        telegram.userSends(ADMIN, "/help");
        telegram.userSends(ADMIN, "/status " + t);
        kafka.produce(t, batch(1, 30));
        Thread.sleep(20_000); // the outage lasts 20 s
        telegram.clearFailures();

        charts.awaitReply(ADMIN, "/add");
        charts.awaitReply(ADMIN, "State:");
        charts.awaitTitle(ADMIN, chart, t + " \u2014 30 points");
        assertThat(telegram.callsToChat(ADMIN)).anyMatch(c -> c.status() == 502).anyMatch(ApiCall::dropped);
    }
}
