package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, finding 3: 5 000 messages from 1 000 strangers must neither delay an admin's answer nor
 * grow the audit table by a row per message.
 */
class StrangerFloodTest {
    static final long ADMIN = 1001;
    static final long FIRST_STRANGER = 700_000;
    static final int STRANGERS = 1_000;
    static final int MESSAGES = 5_000;
    /** The README's bound on replies to strangers. */
    static final int STRANGER_REPLIES_PER_MINUTE = 20;
    static final Duration ADMIN_ANSWER_BOUND = Duration.ofSeconds(2);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN);

    @Test
    void aStrangerFloodNeitherDelaysAnAdminNorFillsTheAuditTable(Iterwatch iterwatch, FakeTelegram telegram) {
        assertThat(iterwatch.ask(ADMIN, "/status")).contains("No monitors");
        Instant floodStart = Instant.now();
        for (int i = 0; i < MESSAGES; i++) {
            telegram.userSends(stranger(i), "/status attempt " + i);
        }
        telegram.awaitUpdatesConsumed(TIMEOUT);
        Duration consumed = Duration.between(floodStart, Instant.now());

        Instant asked = Instant.now();
        ApiCall answer = answerTo(telegram, ADMIN, "/status");
        Duration took = Duration.between(asked, answer.receivedAt());
        assertThat(answer.param("text")).get().asString().contains("No monitors");
        assertThat(took).as("the admin's answer after the flood was read (in %d ms) took %d ms",
                consumed.toMillis(), took.toMillis())
                .isLessThan(ADMIN_ANSWER_BOUND);

        List<ApiCall> toStrangers = telegram.calls("sendMessage").stream().filter(StrangerFloodTest::toStranger).toList();
        Map<Long, Long> perStranger = toStrangers.stream()
                .collect(Collectors.groupingBy(c -> c.chatId().getAsLong(), Collectors.counting()));
        assertThat(perStranger.values()).as("at most one reply per stranger").allMatch(n -> n == 1);
        assertThat(toStrangers).as("some strangers are told their id").isNotEmpty()
                .allSatisfy(c -> assertThat(c.param("text").orElse("")).contains("Your Telegram id is <code>"
                        + c.chatId().getAsLong() + "</code>"));
        long minutes = Duration.between(floodStart, Instant.now()).toMinutes() + 1;
        assertThat(toStrangers).as("replies to strangers within %d minute(s)", minutes)
                .hasSizeLessThanOrEqualTo((int) (STRANGER_REPLIES_PER_MINUTE * minutes));
        toStrangers.forEach(first -> assertThat(toStrangers.stream().filter(c -> !c.receivedAt().isBefore(first.receivedAt())
                && c.receivedAt().isBefore(first.receivedAt().plusSeconds(60)))).as("replies to strangers in a minute")
                .hasSizeLessThanOrEqualTo(STRANGER_REPLIES_PER_MINUTE));

        String budgetSpent = "strangers were told their id within the last minute; more strangers get no answer";
        assertThat(iterwatch.log()).get().asString().containsOnlyOnce(budgetSpent).doesNotContain("\tat ");

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        List<String> folded = db.rows("SELECT user_id, outcome, attempts FROM audit WHERE user_id >= " + FIRST_STRANGER
                + " ORDER BY id");
        assertThat(folded).as("folded audit rows, not one per message").hasSizeLessThanOrEqualTo(STRANGERS + perStranger.size());
        Map<Long, List<String>> byStranger = folded.stream().collect(Collectors.groupingBy(r -> Long.parseLong(r.split("\\|")[0])));
        assertThat(byStranger).hasSize(STRANGERS);
        byStranger.forEach((id, rows) -> {
            int times = rows.stream().mapToInt(r -> Integer.parseInt(r.split("\\|")[2])).sum();
            assertThat(times).as("attempts of stranger %d", id).isEqualTo(MESSAGES / STRANGERS);
            List<String> told = rows.stream().filter(r -> r.contains("|TOLD_ID|")).toList();
            if (perStranger.containsKey(id)) {
                assertThat(told).as("stranger %d was told once", id).containsExactly(id + "|TOLD_ID|1");
                assertThat(rows).hasSize(2).last().isEqualTo(id + "|REFUSED|" + (times - 1));
            } else {
                assertThat(rows).as("stranger %d was not told", id).containsExactly(id + "|REFUSED|" + times);
            }
        });
        assertThat(db.rows("SELECT COUNT(*) FROM audit WHERE user_id >= " + FIRST_STRANGER + " AND (at < "
                + floodStart.toEpochMilli() + " OR last_at < at OR last_at > " + Instant.now().toEpochMilli() + ")"))
                .as("rows whose first and last time are not those of the flood").containsExactly("0");
    }

    private static long stranger(int message) {
        return FIRST_STRANGER + message % STRANGERS;
    }

    private static boolean toStranger(ApiCall call) {
        long chat = call.chatId().orElse(0);
        return chat >= FIRST_STRANGER && chat < FIRST_STRANGER + STRANGERS;
    }

    /** Waits long enough to measure a delay far over the bound, rather than just time out. */
    private static ApiCall answerTo(FakeTelegram telegram, long userId, String text) {
        long before = telegram.calls("sendMessage").stream().filter(c -> toChat(c, userId)).count();
        telegram.userSends(userId, text);
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(c -> toChat(c, userId)).count() > before,
                TIMEOUT.multipliedBy(3), "the answer to " + text);
        return telegram.calls("sendMessage").stream().filter(c -> toChat(c, userId)).skip(before).findFirst().orElseThrow();
    }
}
