package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.delivery.Charts.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;
import static org.iterwatch.e2e.process.Iterwatch.toChat;

import java.nio.file.Path;
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

/** Issue 6: groups that become supergroups, and forum topics. */
@ExtendWith(KafkaBroker.Extension.class)
class ChatMovesTest {
    static final long ADMIN = 1001;
    static final long GROUP = -4001;
    static final long SUPERGROUP = -1_000_000_004_001L;
    static final long FORUM = -1_000_000_007_007L;
    static final long THREAD = 77;

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    Charts charts;
    @TempDir
    Path dir;

    ChatMovesTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        charts = new Charts(telegram);
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).groups(GROUP, FORUM).start();
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void aGroupThatBecameASupergroupGetsItsChartAndRepliesUnderTheNewId() {
        String t = KafkaBroker.uniqueTopic("migrated");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        long old = charts.pinned(GROUP, t);

        telegram.failNextInChat("*", GROUP, TelegramError.migrated(SUPERGROUP));
        kafka.produce(t, batch(1, 15));

        long moved = charts.pinned(SUPERGROUP, t);
        charts.awaitTitle(SUPERGROUP, moved, t + " \u2014 15 points");
        kafka.produce(t, batch(2, 15));
        charts.awaitTitle(SUPERGROUP, moved, t + " \u2014 30 points");
        telegram.userSendsInGroup(GROUP, ADMIN, "/status " + t);
        charts.awaitReply(SUPERGROUP, "State:");

        assertThat(charts.title(GROUP, old)).isNotEqualTo(t + " \u2014 30 points");
        assertThat(telegram.callsToChat(GROUP)).filteredOn(ApiCall::ok).noneMatch(c -> c.seq() > lastSeqOf(GROUP, 400));
    }

    @Test
    void repliesAndThePinnedChartGoToTheForumTopicTheyBelongTo() {
        String t = KafkaBroker.uniqueTopic("forum");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);

        telegram.userSendsInTopic(FORUM, THREAD, ADMIN, "/start " + t);

        ApiCall reply = telegram.awaitCall("sendMessage", c -> toChat(c, FORUM), TIMEOUT);
        assertThat(reply.param("message_thread_id")).contains(String.valueOf(THREAD));
        long chart = charts.pinned(FORUM, t);
        assertThat(telegram.message(FORUM, chart).orElseThrow().threadId()).isEqualTo(THREAD);
    }

    private long lastSeqOf(long chatId, int status) {
        return telegram.callsToChat(chatId).stream().filter(c -> c.status() == status).mapToLong(ApiCall::seq)
                .max().orElseThrow();
    }
}
