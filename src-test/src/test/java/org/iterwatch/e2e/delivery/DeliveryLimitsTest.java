package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.ChatView.toChat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6 acceptance: with Telegram's default limits enforced, 200 monitors across 5 chats get new
 * data for 60 s; not one request is refused, replies overtake the waiting chart edits, and every
 * chart ends showing its final state. Setup runs with faster pacing (and no enforced limits) only so
 * that 400 commands and 200 first charts do not take minutes; the measured run uses the defaults.
 */
@Order(1) // the longest e2e class (60 s of rounds after a long set-up): started first, the others run beside it
class DeliveryLimitsTest {
    static final long[] USERS = {2001, 2002, 2003, 2004, 2005};
    static final int PER_CHAT = 40;
    static final int ROUNDS = 12;
    static final int VALUES = 20;
    static final Duration ROUND = Duration.ofSeconds(5);
    static final Duration LONG = Duration.ofSeconds(120);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(USERS).configure("""
            monitors: {refreshPeriod: 1s}
            delivery: {overallPerSecond: 200, privateChatPerSecond: 50}
            """);

    @Test
    void twoHundredBusyMonitorsInFiveChatsStayInsideTelegramsLimits(Iterwatch iterwatch, FakeTelegram telegram,
                                                                     KafkaBroker kafka, ChatView chat) {
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
        iterwatch.configure("delivery: null");
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
                replyTimes.add(timeReply(telegram, USERS[round % USERS.length], "/status " + topics.get(USERS[0]).get(round)));
            }
            // The rhythm is the point: every monitor gets new data each round, for 60 s.
            ChatView.letTimePass(Duration.ofNanos(Math.max(0, ROUND.toNanos() - (System.nanoTime() - started))));
        }

        String last = " \u2014 " + ROUNDS * VALUES + " points";
        for (long user : USERS) {
            for (String t : topics.get(user)) {
                telegram.await(() -> chat.title(user, chartOf.get(t)).equals(t + last), LONG, t + " final");
            }
        }
        assertThat(telegram.tooManyRequestsCount()).isZero();
        assertThat(replyTimes).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(4)));
        assertThat(telegram.calls("sendPhoto")).hasSize(USERS.length * PER_CHAT);
    }

    /** How long a reply takes while the chat has chart edits waiting: it must overtake them. */
    private static Duration timeReply(FakeTelegram telegram, long user, String command) {
        long before = telegram.calls("sendMessage").stream().filter(c -> toChat(c, user)).count();
        long started = System.nanoTime();
        telegram.userSends(user, command);
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(c -> toChat(c, user)).count() > before,
                LONG, "the reply to " + command);
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
