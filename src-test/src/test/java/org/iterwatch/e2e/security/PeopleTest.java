package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: roles at runtime (viewer, operator, admin), /allow /deny /users, stored and audited. */
class PeopleTest {
    static final long ADMIN = 1001;
    static final long ANN = 2002;
    static final long BOB = 3003;
    static final long STRANGER = 6666;
    static final long GROUP = -1_000_000_001_001L;
    static final Duration SETTLE = Duration.ofSeconds(2);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure(IterwatchExtension.QUICK_CHATS).groups(GROUP);

    @Test
    void viewersLookOperatorsControlAndDenyTakesAccessAwayAtOnce(Iterwatch iterwatch, FakeTelegram telegram,
                                                                 KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("roles");
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added");
        telegram.userSendsInGroup(GROUP, ADMIN, "/start " + t);
        ChatMessage chart = chat.chart(GROUP, t);

        assertThat(iterwatch.ask(ADMIN, "/allow " + ANN + " viewer")).contains(ANN + "</code> is now viewer.");
        assertThat(iterwatch.ask(ANN, "/status")).contains(t).contains("running");
        assertThat(iterwatch.ask(ANN, "/stop " + t)).isEqualTo("/stop needs the operator role; yours is viewer. "
                + "An admin can change that.");
        assertThat(iterwatch.ask(ANN, "/users")).contains("needs the admin role");
        assertThat(iterwatch.ask(ANN, "/subscribe all")).contains("Subscribed");
        assertThat(chat.press(GROUP, ANN, chart.messageId(), chart.callbackData().get(0)))
                .contains("Stop needs the operator role; yours is viewer. An admin can change that.");
        assertThat(chat.press(GROUP, ANN, chart.messageId(), chart.callbackData().get(1))).isEmpty();
        telegram.await(() -> chat.sentTexts(GROUP).stream().anyMatch(x -> x.contains("State: RUNNING")), TIMEOUT,
                "the status a viewer may see");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: RUNNING");

        assertThat(iterwatch.ask(ADMIN, "/allow " + ANN + " operator")).contains("is now operator (was viewer)");
        assertThat(iterwatch.ask(ANN, "/stop " + t)).contains("Stopped");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: STOPPED");
        assertThat(iterwatch.ask(ADMIN, "/users")).contains("admin \u00b7 @user" + ADMIN + " \u00b7 <code>" + ADMIN + "</code> (configuration)")
                .contains("operator \u00b7 @user" + ANN + " \u00b7 <code>" + ANN + "</code> \u2014 by @user" + ADMIN + ", ");
        assertThat(iterwatch.ask(ADMIN, "/deny " + ADMIN)).contains("admin from the configuration");
        assertThat(iterwatch.ask(ADMIN, "/allow " + ADMIN + " viewer")).contains("admin from the configuration");

        assertThat(iterwatch.ask(ADMIN, "/deny " + ANN)).contains("no access any more (was operator)");
        assertThat(iterwatch.ask(ANN, "/status")).contains("Your Telegram id is <code>" + ANN + "</code>")
                .doesNotContain(t);
        assertThat(iterwatch.ask(ADMIN, "/users")).doesNotContain(String.valueOf(ANN));

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        assertThat(db.rows("SELECT chat_id FROM subscription")).isEmpty();
        assertThat(db.auditOf(ADMIN)).containsExactly(
                "1001|1001|/allow 2002 viewer|CHANGED|2002: none \u2192 viewer",
                "1001|1001|/allow 2002 operator|CHANGED|@user2002 (2002): viewer \u2192 operator",
                "1001|1001|/deny 1001|REFUSED|1001 is an admin from the configuration (telegram.admins) and stays one; "
                        + "change the configuration and restart to change that.",
                "1001|1001|/allow 1001 viewer|REFUSED|1001 is an admin from the configuration (telegram.admins) and stays one; "
                        + "change the configuration and restart to change that.",
                "1001|1001|/deny 2002|CHANGED|@user2002 (2002): operator \u2192 none");
        assertThat(db.auditOf(ANN)).containsExactly(
                "2002|2002|/stop " + t + "|REFUSED|needs operator, has viewer",
                "2002|2002|/users|REFUSED|needs admin, has viewer",
                "2002|" + GROUP + "|button " + chart.callbackData().get(0) + "|REFUSED|needs operator, has viewer",
                "2002|2002|/status|TOLD_ID|stranger");
    }

    @Test
    void peopleSurviveARestartAndBadArgumentsAreExplained(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                          ChatView chat) {
        String t = KafkaBroker.uniqueTopic("restart-roles");
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added");
        assertThat(iterwatch.ask(ADMIN, "/allow " + BOB + " operator")).contains("now operator");
        assertThat(iterwatch.ask(ADMIN, "/allow " + ANN + " admin")).contains("now admin");
        assertThat(iterwatch.ask(ADMIN, "/allow alice viewer")).contains("'alice' is not a Telegram user id");
        assertThat(iterwatch.ask(ADMIN, "/allow " + BOB + " boss")).contains("The roles are admin, operator and viewer.");
        assertThat(iterwatch.ask(ADMIN, "/allow " + BOB)).contains("Usage: /allow &lt;user id&gt; &lt;admin|operator|viewer&gt;");

        assertThat(iterwatch.ask(STRANGER, "/start")).contains("Your Telegram id is");

        iterwatch.stop();
        iterwatch.start();

        assertThat(iterwatch.ask(BOB, "/start " + t)).contains("Started");
        assertThat(iterwatch.ask(ANN, "/allow " + BOB + " viewer")).contains("now viewer (was operator)");
        assertThat(iterwatch.ask(BOB, "/stop " + t)).contains("needs the operator role");
        assertThat(iterwatch.ask(ANN, "/users")).contains("admin \u00b7 @user" + ANN + " \u00b7 <code>" + ANN + "</code> \u2014 by @user" + ADMIN)
                .contains("viewer \u00b7 @user" + BOB + " \u00b7 <code>" + BOB + "</code> \u2014 by @user" + ANN);
        telegram.userSends(STRANGER, "/help");
        telegram.awaitUpdatesConsumed(TIMEOUT);
        // Nothing to wait for: a few of iterwatch's refresh periods (300 ms) in which a wrong answer would go out.
        ChatView.letTimePass(SETTLE);
        assertThat(chat.sentTexts(STRANGER)).as("told their id once a day, restarts included").hasSize(1);
    }
}
