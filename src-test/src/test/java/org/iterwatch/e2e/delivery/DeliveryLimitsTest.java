package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.delivery.Charts.batch;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 acceptance: with Telegram's default limits enforced, 200 monitors across 5 chats get new
 * data for 60 s; not one request is refused, replies overtake the waiting chart edits, and every
 * chart ends showing its final state. Setup runs with faster pacing (and no enforced limits) only so
 * that 400 commands and 200 first charts do not take minutes; the measured run uses the defaults.
 */
@ExtendWith(KafkaBroker.Extension.class)
class DeliveryLimitsTest {
    static final long[] USERS = {2001, 2002, 2003, 2004, 2005};
    static final int PER_CHAT = 40;
    static final int ROUNDS = 12;
    static final int VALUES = 20;
    static final Duration ROUND = Duration.ofSeconds(5);
    static final Duration LONG = Duration.ofSeconds(120);

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    @TempDir
    Path dir;

    DeliveryLimitsTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void twoHundredBusyMonitorsInFiveChatsStayInsideTelegramsLimits() throws Exception {
        telegram = FakeTelegram.start();
        Charts charts = new Charts(telegram);
        iterwatch = new Iterwatch(dir, telegram, kafka, USERS);
        config("overallPerSecond: 200, privateChatPerSecond: 50");
        iterwatch.start();
        String prefix = KafkaBroker.uniqueTopic("limits");
        Map<Long, List<String>> topics = new HashMap<>();
        for (long user : USERS) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < PER_CHAT; i++) {
                String t = prefix + "." + user + "." + i;
                kafka.createTopic(t);
                mine.add(t);
                telegram.userSends(user, "/add " + t);
                telegram.userSends(user, "/start " + t);
            }
            topics.put(user, mine);
        }
        telegram.await(() -> telegram.calls("pinChatMessage").stream().filter(ApiCall::ok).count() == USERS.length * PER_CHAT,
                LONG, "200 charts pinned");
        Map<String, Long> chartOf = new HashMap<>();
        for (long user : USERS) {
            topics.get(user).forEach(t -> chartOf.put(t, telegram.calls("sendPhoto").stream()
                    .filter(c -> toChat(c, user) && c.ok() && c.param("caption").orElse("").contains(">" + t + "<"))
                    .findFirst().orElseThrow().responseJson().path("result").path("message_id").asLong()));
        }

        iterwatch.process().stop();
        config("{}");
        iterwatch.start();
        telegram.enforceLimits(30, 1, 20);

        List<Duration> replyTimes = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long started = System.nanoTime();
            for (List<String> mine : topics.values()) {
                for (String t : mine) {
                    kafka.produce(t, batch(round, VALUES));
                }
            }
            if (round % 3 == 0) {
                replyTimes.add(timeReply(USERS[round % USERS.length], "/status " + topics.get(USERS[0]).get(round)));
            }
            Thread.sleep(Math.max(0, ROUND.toMillis() - (System.nanoTime() - started) / 1_000_000));
        }

        String last = " \u2014 " + ROUNDS * VALUES + " points";
        for (long user : USERS) {
            for (String t : topics.get(user)) {
                telegram.await(() -> charts.title(user, chartOf.get(t)).equals(t + last), LONG, t + " final");
            }
        }
        assertThat(telegram.tooManyRequestsCount()).isZero();
        assertThat(replyTimes).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(4)));
        assertThat(telegram.calls("sendPhoto")).hasSize(USERS.length * PER_CHAT);
    }

    /** How long a reply takes while the chat has chart edits waiting: it must overtake them. */
    private Duration timeReply(long user, String command) {
        long before = telegram.calls("sendMessage").stream().filter(c -> toChat(c, user)).count();
        long started = System.nanoTime();
        telegram.userSends(user, command);
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(c -> toChat(c, user)).count() > before,
                LONG, "the reply to " + command);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void config(String delivery) throws IOException {
        Files.writeString(dir.resolve("iterwatch.yml"), """
                telegram:
                  pollTimeout: 1s
                monitors:
                  refreshPeriod: 1s
                delivery: %s
                """.formatted(delivery.startsWith("{") ? delivery : "{" + delivery + "}"));
    }
}
