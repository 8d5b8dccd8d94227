package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.ChatView.toChat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.RegisteredCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5: strangers change nothing and learn nothing but their own id; button data is untrusted.
 * Every refused attempt is read back from the audit table of the stopped process.
 */
class StrangerTest {
    static final long ADMIN = 1001;
    static final long VIEWER = 2002;
    static final long STRANGER = 6666;
    static final String DEAD = "This button no longer works.";
    static final Duration SETTLE = Duration.ofSeconds(2);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure(IterwatchExtension.QUICK_CHATS);

    @Test
    void everyMenuCommandOfAStrangerChangesNothingAndTellsOnlyTheirIdOnce(Iterwatch iterwatch, FakeTelegram telegram,
                                                                          KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("guarded");
        String other = KafkaBroker.uniqueTopic("unmonitored");
        kafka.createTopic(t);
        kafka.createTopic(other);
        kafka.produce(t, "[1, 2, 3]");
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added");
        Map<String, String> arguments = Map.ofEntries(Map.entry("start", t), Map.entry("run", t), Map.entry("add", other),
                Map.entry("stop", t), Map.entry("remove", t), Map.entry("status", t), Map.entry("export", t),
                Map.entry("subscribe", "all"), Map.entry("unsubscribe", "all"), Map.entry("mute", "1h"),
                Map.entry("allow", STRANGER + " admin"), Map.entry("deny", String.valueOf(ADMIN)));
        // every command there is: an admin's menu (set in the background at start)
        telegram.await(() -> telegram.menuFor(ADMIN, ADMIN).stream().anyMatch(c -> c.command().equals("allow")), TIMEOUT,
                "the admin's menu");
        List<String> menu = telegram.menuFor(ADMIN, ADMIN).stream().map(RegisteredCommand::command).toList();
        assertThat(menu).contains("allow", "deny", "users", "export", "subscribe", "start", "stop", "help");

        List<String> sent = new ArrayList<>();
        for (String command : menu) {
            sent.add(("/" + command + " " + arguments.getOrDefault(command, "")).strip());
        }
        sent.addAll(List.of("/start", "/nonsense", "hello"));
        sent.forEach(text -> telegram.userSends(STRANGER, text));

        telegram.awaitCall("sendMessage", c -> toChat(c, STRANGER), TIMEOUT);
        telegram.awaitUpdatesConsumed(TIMEOUT);
        // Nothing to wait for: a few of iterwatch's refresh periods (300 ms) in which a wrong answer would go out.
        ChatView.letTimePass(SETTLE);
        assertThat(chat.sendsTo(STRANGER)).as("one refusal, nothing else").hasSize(1);
        assertThat(chat.sentTexts(STRANGER)).singleElement().asString().contains(String.valueOf(STRANGER))
                .doesNotContain(t).doesNotContain(other).doesNotContainIgnoringCase("monitor")
                .doesNotContainIgnoringCase("unknown").doesNotContain("/help");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("STOPPED");
        assertThat(iterwatch.ask(ADMIN, "/status")).doesNotContain(other);
        assertThat(iterwatch.ask(ADMIN, "/users")).doesNotContain(String.valueOf(STRANGER));

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        assertThat(db.rows("SELECT chat_id FROM subscription")).isEmpty();
        assertThat(db.rows("SELECT chat_id FROM mute")).isEmpty();
        assertThat(db.rows("SELECT user_id FROM person")).isEmpty();
        assertThat(db.rows("SELECT chat_id FROM monitor_chat WHERE chat_id = " + STRANGER)).isEmpty();
        // Issue 9: the refusals after the first fold into one row that counts them.
        assertThat(db.foldedAuditOf(STRANGER)).containsExactly(
                STRANGER + "|" + STRANGER + "|" + sent.get(0) + "|TOLD_ID|stranger|1",
                STRANGER + "|" + STRANGER + "|" + sent.get(1) + "|REFUSED|stranger|" + (sent.size() - 1));
    }

    @Test
    void pressesOfStrangersAndForgedButtonDataChangeNothingAndAreAudited(Iterwatch iterwatch, FakeTelegram telegram,
                                                                         KafkaBroker kafka, ChatView chat) {
        String a = startedMonitor(iterwatch, kafka, "press-a");
        String b = startedMonitor(iterwatch, kafka, "press-b");
        String c = startedMonitor(iterwatch, kafka, "press-c");
        ChatMessage chartA = chat.chart(ADMIN, a);
        ChatMessage chartC = chat.chart(ADMIN, c);
        String stopA = chartA.callbackData().get(0);
        String stopB = chat.chart(ADMIN, b).callbackData().get(0);
        String stopC = chartC.callbackData().get(0);
        assertThat(iterwatch.ask(ADMIN, "/remove " + c)).contains("Removed");
        ChatMessage alert = alertToAdmin(iterwatch, telegram);
        String ack = alert.callbackData().get(1);
        assertThat(iterwatch.ask(ADMIN, "/allow " + VIEWER + " viewer")).contains("now viewer");
        int repliesToAdmin = chat.sentTexts(ADMIN).size();

        for (String data : chartA.callbackData()) {
            assertThat(chat.press(ADMIN, STRANGER, chartA.messageId(), data)).as("a stranger's press").isEmpty();
        }
        List<String> forged = List.of(stopB, "x".repeat(64), "stop:" + "9".repeat(59), "stop:abc", "stop:",
                "remove:" + stopA.substring(5), ack, "mute:" + ack.substring(4));
        for (String data : forged) {
            assertThat(chat.press(ADMIN, ADMIN, chartA.messageId(), data)).as(data).contains(DEAD);
        }
        assertThat(chat.press(ADMIN, ADMIN, chartC.messageId(), stopC)).as("a removed monitor's button").contains(DEAD);
        assertThat(chat.press(VIEWER, VIEWER, 1, ack)).as("an alert this chat never got").contains(DEAD);

        // Nothing to wait for: a few of iterwatch's refresh periods (300 ms) in which a wrong answer would go out.
        ChatView.letTimePass(SETTLE);
        assertThat(chat.sentTexts(ADMIN)).hasSize(repliesToAdmin);
        assertThat(chat.sendsTo(STRANGER)).isEmpty();
        assertThat(chat.sendsTo(VIEWER)).isEmpty();
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(a).contains(b).doesNotContain(c).doesNotContain("stopped");
        assertThat(telegram.message(ADMIN, alert.messageId()).orElseThrow().text()).doesNotContain("Acknowledged");

        iterwatch.stop();
        StoppedDatabase db = new StoppedDatabase(iterwatch.dataDir());
        assertThat(db.rows("SELECT chat_id FROM mute")).isEmpty();
        assertThat(db.rows("SELECT acked_by FROM alert")).containsOnly("null");
        assertThat(db.foldedAuditOf(STRANGER)).containsExactly(STRANGER + "|" + ADMIN + "|button "
                + chartA.callbackData().get(0) + "|REFUSED|stranger|" + chartA.callbackData().size());
        List<String> forgedRows = db.foldedAuditOf(ADMIN).stream().filter(r -> r.contains("|FORGED|")).toList();
        assertThat(forgedRows.stream().mapToInt(r -> Integer.parseInt(r.substring(r.lastIndexOf('|') + 1))).sum())
                .as("forged presses, folded by reason").isEqualTo(forged.size() + 1);
        assertThat(forgedRows).anySatisfy(r -> assertThat(r).contains("|button " + stopB + "|"));
        assertThat(db.auditOf(VIEWER)).singleElement().asString().contains("|button " + ack + "|FORGED|");
    }

    private static String startedMonitor(Iterwatch iterwatch, KafkaBroker kafka, String name) {
        String t = KafkaBroker.uniqueTopic(name);
        kafka.createTopic(t);
        assertThat(iterwatch.ask(ADMIN, "/add " + t)).contains("Added");
        assertThat(iterwatch.ask(ADMIN, "/start " + t)).contains("Started");
        return t;
    }

    private static ChatMessage alertToAdmin(Iterwatch iterwatch, FakeTelegram telegram) {
        assertThat(iterwatch.ask(ADMIN, "/subscribe guarded-solver")).contains("Subscribed");
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("guarded-solver", "failed", "crashed")).status()).isEqualTo(202);
        telegram.await(() -> telegram.messages(ADMIN).stream().anyMatch(m -> m.fromBot() && m.hasKeyboard()
                && m.text() != null && m.text().contains("crashed")), TIMEOUT, "the alert");
        return telegram.messages(ADMIN).stream().filter(m -> m.fromBot() && m.text() != null && m.text().contains("crashed"))
                .findFirst().orElseThrow();
    }
}
