package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: only the groups of telegram.groups are served, and in them only known people. */
class GroupsTest {
    static final long ADMIN = 1001;
    static final long STRANGER = 6666;
    static final long GROUP = -1_000_000_001_001L;
    static final long FORUM = -1_000_000_002_002L;
    static final long THREAD = 42;
    static final long UNLISTED = -1_000_000_009_009L;
    static final Duration SETTLE = Duration.ofSeconds(2);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure(IterwatchExtension.QUICK_CHATS).groups(GROUP, FORUM);

    @Test
    void anUnlistedGroupGetsNoAnswerAndStrangersInAListedGroupNeither(Iterwatch iterwatch, FakeTelegram telegram,
                                                                      KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("grouped");
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added");
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        ChatMessage chart = chat.chart(GROUP, t);
        int inGroup = chat.sentTexts(GROUP).size();

        telegram.userSendsInGroup(UNLISTED, ADMIN, "/status");
        telegram.userSendsInGroup(UNLISTED, ADMIN, "/start " + t);
        assertThat(chat.press(UNLISTED, ADMIN, 1, chart.callbackData().get(1))).isEmpty();
        telegram.userSendsInGroup(GROUP, STRANGER, "/stop " + t);
        telegram.userSendsInGroup(GROUP, STRANGER, "/start");
        telegram.userSendsInGroup(GROUP, STRANGER, "hello everyone");
        assertThat(chat.press(GROUP, STRANGER, chart.messageId(), chart.callbackData().get(0))).isEmpty();
        telegram.userSendsInGroup(GROUP, ADMIN, "/status " + t);
        telegram.await(() -> chat.sentTexts(GROUP).size() > inGroup, TIMEOUT, "the admin's answer in the group");
        telegram.userSendsInTopic(FORUM, THREAD, ADMIN, "/status");
        ApiCall inThread = telegram.awaitCall("sendMessage", c -> ChatView.toChat(c, FORUM), TIMEOUT);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        // Nothing to wait for: a few of iterwatch's refresh periods (300 ms) in which a wrong answer would go out.
        ChatView.letTimePass(SETTLE);

        assertThat(inThread.param("message_thread_id")).contains(String.valueOf(THREAD));
        assertThat(chat.sendsTo(UNLISTED)).isEmpty();
        assertThat(chat.sentTexts(GROUP)).hasSize(inGroup + 1).last().asString().contains("RUNNING");
        assertThat(chat.sendsTo(STRANGER)).isEmpty();

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        // Issue 9: refusals of one kind fold into one row that counts them and keeps the first.
        assertThat(db.foldedAuditOf(ADMIN)).containsExactly(
                ADMIN + "|" + UNLISTED + "|/status|IGNORED|group not in telegram.groups|3");
        assertThat(db.foldedAuditOf(STRANGER)).containsExactly(
                STRANGER + "|" + GROUP + "|/stop " + t + "|REFUSED|stranger in a group|2",
                STRANGER + "|" + GROUP + "|button " + chart.callbackData().get(0) + "|REFUSED|stranger|1");
    }
}
