package org.iterwatch.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.ChatView.toChat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 6: groups that become supergroups, and forum topics. */
class ChatMovesTest {
    static final long ADMIN = 1001;
    static final long GROUP = -4001;
    static final long SUPERGROUP = -1_000_000_004_001L;
    static final long FORUM = -1_000_000_007_007L;
    static final long THREAD = 77;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).groups(GROUP, FORUM);

    @Test
    void aGroupThatBecameASupergroupGetsItsChartAndRepliesUnderTheNewId(Iterwatch iterwatch, FakeTelegram telegram,
                                                                         KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("migrated");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        long old = chat.pinnedChart(GROUP, t);

        telegram.failNextInChat("*", GROUP, TelegramError.migrated(SUPERGROUP));
        kafka.produce(t, batch(1, 15));

        long moved = chat.pinnedChart(SUPERGROUP, t);
        chat.awaitChart(SUPERGROUP, moved, t + " \u2014 15 points");
        kafka.produce(t, batch(2, 15));
        chat.awaitChart(SUPERGROUP, moved, t + " \u2014 30 points");
        telegram.userSendsInGroup(GROUP, ADMIN, "/status " + t);
        chat.awaitReply(SUPERGROUP, "State:");

        assertThat(chat.title(GROUP, old)).isNotEqualTo(t + " \u2014 30 points");
        assertThat(telegram.callsToChat(GROUP)).filteredOn(ApiCall::ok)
                .noneMatch(c -> c.seq() > lastSeqOf(telegram, GROUP, 400));
    }

    @Test
    void repliesAndThePinnedChartGoToTheForumTopicTheyBelongTo(Iterwatch iterwatch, FakeTelegram telegram,
                                                                KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("forum");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);

        telegram.userSendsInTopic(FORUM, THREAD, ADMIN, "/start " + t);

        ApiCall reply = telegram.awaitCall("sendMessage", c -> toChat(c, FORUM), TIMEOUT);
        assertThat(reply.param("message_thread_id")).contains(String.valueOf(THREAD));
        long chart = chat.pinnedChart(FORUM, t);
        assertThat(telegram.message(FORUM, chart).orElseThrow().threadId()).isEqualTo(THREAD);
    }

    private static long lastSeqOf(FakeTelegram telegram, long chatId, int status) {
        return telegram.callsToChat(chatId).stream().filter(c -> c.status() == status).mapToLong(ApiCall::seq)
                .max().orElseThrow();
    }
}
