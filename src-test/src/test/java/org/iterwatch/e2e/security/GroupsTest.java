package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.nio.file.Path;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: only the groups of telegram.groups are served, and in them only known people. */
@ExtendWith(KafkaBroker.Extension.class)
class GroupsTest {
    static final long ADMIN = 1001;
    static final long STRANGER = 6666;
    static final long GROUP = -1_000_000_001_001L;
    static final long FORUM = -1_000_000_002_002L;
    static final long THREAD = 42;
    static final long UNLISTED = -1_000_000_009_009L;

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    Bot bot;
    @TempDir
    Path dir;

    GroupsTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start();
        bot = new Bot(telegram);
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).configure(Bot.QUICK_CHATS).groups(GROUP, FORUM).start();
    }

    @AfterEach
    void stop() {
        iterwatch.close();
        telegram.close();
    }

    @Test
    void anUnlistedGroupGetsNoAnswerAndStrangersInAListedGroupNeither() {
        String t = KafkaBroker.uniqueTopic("grouped");
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added");
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        ChatMessage chart = bot.chart(GROUP, t);
        int inGroup = bot.textsTo(GROUP).size();

        telegram.userSendsInGroup(UNLISTED, ADMIN, "/status");
        telegram.userSendsInGroup(UNLISTED, ADMIN, "/start " + t);
        assertThat(bot.press(UNLISTED, ADMIN, 1, chart.callbackData().get(1))).isEmpty();
        telegram.userSendsInGroup(GROUP, STRANGER, "/stop " + t);
        telegram.userSendsInGroup(GROUP, STRANGER, "/start");
        telegram.userSendsInGroup(GROUP, STRANGER, "hello everyone");
        assertThat(bot.press(GROUP, STRANGER, chart.messageId(), chart.callbackData().get(2))).isEmpty();
        telegram.userSendsInGroup(GROUP, ADMIN, "/status " + t);
        telegram.await(() -> bot.textsTo(GROUP).size() > inGroup, TIMEOUT, "the admin's answer in the group");
        telegram.userSendsInTopic(FORUM, THREAD, ADMIN, "/status");
        ApiCall inThread = telegram.awaitCall("sendMessage", c -> Iterwatch.toChat(c, FORUM), TIMEOUT);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        Bot.settle();

        assertThat(inThread.param("message_thread_id")).contains(String.valueOf(THREAD));
        assertThat(bot.sendsTo(UNLISTED)).isEmpty();
        assertThat(bot.textsTo(GROUP)).hasSize(inGroup + 1).last().asString().contains("RUNNING");
        assertThat(bot.sendsTo(STRANGER)).isEmpty();

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        // Issue 9: refusals of one kind fold into one row that counts them and keeps the first.
        assertThat(db.foldedAuditOf(ADMIN)).containsExactly(
                ADMIN + "|" + UNLISTED + "|/status|IGNORED|group not in telegram.groups|3");
        assertThat(db.foldedAuditOf(STRANGER)).containsExactly(
                STRANGER + "|" + GROUP + "|/stop " + t + "|REFUSED|stranger in a group|2",
                STRANGER + "|" + GROUP + "|button " + chart.callbackData().get(2) + "|REFUSED|stranger|1");
    }
}
