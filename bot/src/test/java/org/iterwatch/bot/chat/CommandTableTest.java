package org.iterwatch.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.iterwatch.bot.BotSchema;
import org.iterwatch.bot.board.StatusBoards;
import org.iterwatch.bot.digest.DigestTexts;
import org.iterwatch.bot.digest.Digests;
import org.iterwatch.bot.alerts.MonitorNotices;
import org.iterwatch.bot.alerts.TelegramAlertSender;
import org.iterwatch.bot.charts.PinnedMessages;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.DeliveryMetrics;
import org.iterwatch.bot.delivery.Pacer;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.DocumentSender;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramGateway.BotCommandSpec;
import org.iterwatch.bot.telegram.TextOnlyGateway;
import org.iterwatch.config.Monitors;
import org.iterwatch.config.OwnedThreads;
import org.iterwatch.monitor.ChartMessages;
import org.iterwatch.monitor.MonitorSchema;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.RunEnds;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.Html;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.ChatSettings;
import org.iterwatch.subscription.Audit;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.SubscriptionSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Telegram menu, /help and the dispatch all come from one {@link CommandTable} and agree: each command
 * is in the menu with its usage, summary and role, in /help under the heading of its role, refused below
 * that role and carried out from it. The chat side is wired as in {@code Main}, on H2; only Telegram is
 * replaced, by a recorder of what the bot sends. No Kafka broker runs (starting one costs ten seconds):
 * nothing here reaches it but /topics, which the e2e tests ask.
 */
class CommandTableTest {
    static final long ADMIN = 1001;
    static final long OPERATOR = 1002;
    static final long VIEWER = 1003;
    static final Map<Role, Long> PERSON = Map.of(Role.ADMIN, ADMIN, Role.OPERATOR, OPERATOR, Role.VIEWER, VIEWER);

    /** Nothing listens there. */
    static final String NO_KAFKA = "127.0.0.1:9";
    static ChatRecorder telegram;
    static Delivery delivery;
    static MonitorService monitors;
    static CommandTable table;
    static Commands commands;

    @BeforeAll
    static void wire() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:commands;DB_CLOSE_DELAY=-1");
        MonitorSchema.migrate(db);
        BotSchema.migrate(db);
        SubscriptionSchema.migrate(db);
        telegram = new ChatRecorder();
        ChatBook chats = new ChatBook(db);
        delivery = new Delivery(telegram, new Pacer(new org.iterwatch.config.Delivery(1000, 1000, 20)), chats, List.of(),
                new DeliveryMetrics());
        delivery.start(new OwnedThreads("delivery"));
        Alerts alerts = new Alerts(db, new TelegramAlertSender(telegram, delivery, (topic, chat) -> Optional.empty()),
                Clock.systemUTC());
        PinnedMessages pinned = new PinnedMessages(delivery, chats, new ChartMessages(db)::shown, chat -> true);
        monitors = new MonitorService(db, NO_KAFKA, new Monitors(null, null, null, null, null, null, null),
                new ChartRenderer(), pinned, new MonitorNotices(alerts), RunEnds.NEVER, e -> false);
        People people = new People(db, List.of(ADMIN), Clock.systemUTC());
        people.allow(ADMIN, ADMIN, OPERATOR, Role.OPERATOR);
        people.allow(ADMIN, ADMIN, VIEWER, Role.VIEWER);
        Access access = new Access(people, List.of(), chats, new Audit(db, Clock.systemUTC()), delivery, Clock.systemUTC());
        AlertCommands alertCommands = new AlertCommands(alerts,
                new EventsConsumer(NO_KAFKA, "commands-test", alerts), people);
        ChatSettings settings = new ChatSettings(db);
        StatusBoards boards = new StatusBoards(db, update -> { }, Duration.ofMinutes(1), Clock.systemUTC());
        table = new CommandTable(new MonitorCommands(monitors, delivery,
                new DocumentSender("1:unused", URI.create("http://127.0.0.1:9"), org.iterwatch.config.Fence.OPEN), alertCommands, pinned, settings),
                alertCommands, new PeopleCommands(people, alerts, monitors, new Audit(db, Clock.systemUTC()),
                        new CommandMenus(telegram, people, List.of())), new SettingCommands(settings),
                new OverviewCommands(boards, new Digests(db, alerts, boards, monitors, delivery, telegram, Clock.systemUTC())));
        commands = new Commands(telegram, delivery, access, table);
    }

    @AfterAll
    static void stop() {
        delivery.stop();
        monitors.close();
    }

    @Test
    void theMenuHasEveryCommandOnceWithItsUsageSummaryAndRole() {
        List<BotCommandSpec> menu = table.menu();

        assertThat(menu).extracting(BotCommandSpec::command).containsExactly("start", "help", "add", "run", "stop",
                "remove", "status", "follow", "unfollow", "topics", "board", "digest", "export", "subscribe", "unsubscribe",
                "mute", "unmute", "quiet", "tz", "link", "users", "allow", "deny", "audit");
        assertThat(menu).hasSameSizeAs(table.commands()).allSatisfy(entry -> {
            ChatCommand command = table.find(entry.command(), "x").orElseThrow();
            assertThat(entry.command()).matches("[a-z0-9_]{1,32}");
            assertThat(entry.description()).hasSizeBetween(1, 256).containsIgnoringCase(command.summary())
                    .contains(command.hint());
            String role = switch (command.role()) {
                case VIEWER -> "";
                case OPERATOR -> " (operators)";
                case ADMIN -> " (admins)";
            };
            assertThat(entry.description().toLowerCase(Locale.ROOT))
                    .endsWith((command.summary() + role).toLowerCase(Locale.ROOT));
        });
        assertThat(menu).contains(new BotCommandSpec("stop", "<topic> \u2014 stop redrawing its chart (operators)"),
                new BotCommandSpec("help", "What this bot does and its commands"),
                new BotCommandSpec("users", "Who may use this bot, and their roles (admins)"));
    }

    @Test
    void helpListsEveryCommandOfTheAskersRoleOnceUnderTheHeadingOfItsRole() throws InterruptedException {
        for (Role role : Role.values()) {
            String help = ask(PERSON.get(role), "/help");
            Map<String, String> headingOf = new LinkedHashMap<>();
            String heading = null;
            for (String line : help.split("\n")) {
                if (line.startsWith("<b>") && !line.startsWith("<b>iterwatch")) {
                    heading = line;
                } else if (line.startsWith("/")) {
                    String name = line.substring(1).split("[ \u2014]", 2)[0];
                    assertThat(headingOf.put(name, heading)).as("/%s is listed once", name).isNull();
                    assertThat(line).as(name).isEqualTo(ChatTexts.helpLine(table.find(name, "x").orElseThrow()));
                }
            }

            // exactly what this role may use, as its Telegram menu has it
            Map<String, String> expected = new LinkedHashMap<>();
            table.commands().stream().filter(c -> role.allows(c.role()))
                    .forEach(c -> expected.put(c.name(), ChatTexts.heading(c.role())));
            assertThat(headingOf).as(role.label()).isEqualTo(expected);
            assertThat(help).as(role.label()).contains("<b>How a solver publishes</b>")
                    .endsWith("section <i>How a solver publishes</i> (#how-a-solver-publishes).");
        }
        assertThat(ask(VIEWER, "/help")).contains("/status [topic] \u2014 all monitors, or one in detail")
                .doesNotContain("/stop", "/add", "/allow", "/audit", "<b>Operators</b>", "<b>Admins</b>")
                .contains("Your role is viewer; operators and admins have more commands.");
        assertThat(ask(OPERATOR, "/help")).contains("/stop &lt;topic&gt; \u2014 stop redrawing its chart", "<b>Operators</b>")
                .doesNotContain("/allow", "/users", "/audit", "<b>Admins</b>")
                .contains("Your role is operator; admins have more commands.");
        assertThat(ask(ADMIN, "/help")).contains("/stop &lt;topic&gt;", "/allow &lt;user id&gt;", "<b>Admins</b>")
                .doesNotContain("Your role is");
    }

    @Test
    void helpAndABareStartAnswerEachRoleWithItsOwnList() throws InterruptedException {
        for (Role role : Role.values()) {
            long person = PERSON.get(role);
            assertThat(ask(person, "/help")).isEqualTo(table.help(role));
            assertThat(ask(person, "/start")).isEqualTo(table.help(role));
        }
        assertThat(table.help(Role.VIEWER)).isNotEqualTo(table.help(Role.OPERATOR)).isNotEqualTo(table.help(Role.ADMIN));
    }

    @Test
    void everyCommandIsRefusedBelowItsRoleAndCarriedOutFromIt() throws InterruptedException {
        // What each command answers when given as below: its own answer, so the dispatch reached it.
        Map<String, String> answerStart = Map.ofEntries(Map.entry("start", "There is no monitor for t, and no topic of that name exists in Kafka."),
                Map.entry("help", "<b>iterwatch</b>"), Map.entry("status", MonitorTexts.NO_MONITORS),
                Map.entry("subscribe", AlertTexts.FOLLOWS_NO_SOLVER), Map.entry("mute", "\ud83d\udd15 Muted until"),
                Map.entry("unmute", AlertTexts.UNMUTED), Map.entry("users", "<b>People</b>"),
                Map.entry("quiet", "Failures and suspected failures ring here"), Map.entry("tz", "Times here are shown in UTC"),
                Map.entry("board", "The status board"), Map.entry("audit", "<b>Audit</b>"),
                Map.entry("digest", DigestTexts.none()));
        List<String> refused = new ArrayList<>();
        for (ChatCommand command : table.commands().stream().filter(c -> !c.name().equals("topics")).toList()) {
            String text = "/" + command.name() + (command.name().equals("start") ? " t" : "");
            for (Role role : Role.values()) {
                String answer = ask(PERSON.get(role), text);
                if (!role.allows(command.role())) {
                    refused.add(command.name() + " " + role.label());
                    assertThat(answer).as(text + " from a " + role.label())
                            .isEqualTo(Html.escape(ChatTexts.needs("/" + command.name(), command.role(), role)));
                } else {
                    assertThat(answer).as(text + " from " + role.label()).startsWith(answerStart.getOrDefault(
                            command.name(), "Usage: " + Html.escape(command.usage())));
                }
            }
        }
        assertThat(refused).containsExactly("start viewer", "add viewer", "run viewer", "stop viewer", "remove viewer",
                "link viewer", "users viewer", "users operator", "allow viewer", "allow operator", "deny viewer", "deny operator",
                "audit viewer", "audit operator");
    }

    @Test
    void usageComesFromTheTable() throws InterruptedException {
        assertThat(ask(ADMIN, "/allow 5")).isEqualTo("Usage: /allow &lt;user id&gt; &lt;admin|operator|viewer&gt;");
        assertThat(ask(ADMIN, "/subscribe")).isEqualTo(
                "This chat follows no solver. Usage: /subscribe &lt;solver|topic|all&gt;");
        assertThat(ask(VIEWER, "/mute often")).isEqualTo("Usage: /mute [duration], e.g. /mute 30m or /mute 2h.");
        assertThat(ask(VIEWER, "/quiet loud")).isEqualTo("Usage: /quiet [info|all|none]");
        assertThat(ask(VIEWER, "/tz Mars/Olympus")).startsWith("Unknown time zone 'Mars/Olympus'");
        assertThat(ask(VIEWER, "/tz")).contains("UTC");
    }

    @Test
    void anUnknownCommandAndPlainTextGetTheirAnswers() throws InterruptedException {
        assertThat(ask(VIEWER, "/nonsense")).isEqualTo("Unknown command /nonsense. /help lists what I understand.");
        assertThat(ask(ADMIN, "/Nonsense@iw_bot x")).isEqualTo("Unknown command /nonsense. /help lists what I understand.");
        assertThat(ask(VIEWER, "hello")).isEqualTo("I understand commands only. /help lists them.");
        assertThat(ask(VIEWER, "/stauts")).isEqualTo("Unknown command /stauts. Did you mean /status? /help lists what I understand.");
        assertThat(ask(VIEWER, "/unsubscrib all")).contains("Did you mean /unsubscribe?");
        assertThat(ask(VIEWER, "/STOP t"))
                .isEqualTo("/stop needs the operator role; yours is viewer. An admin can change that.");
    }

    /** What the bot answered in that person's private chat. */
    private static String ask(long person, String text) throws InterruptedException {
        int before = telegram.sentTo(person).size();
        commands.onText(new Incoming.Text(person, null, person, true, text));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (telegram.sentTo(person).size() == before) {
            assertThat(System.nanoTime()).as("an answer to " + text).isLessThan(deadline);
            Thread.sleep(5);
        }
        List<String> sent = telegram.sentTo(person);
        assertThat(sent).as("one answer to " + text).hasSize(before + 1);
        return sent.get(before);
    }

    /** Telegram as far as answering goes: keeps what is sent to each chat. */
    static final class ChatRecorder extends TextOnlyGateway {
        private final List<Map.Entry<Long, String>> sent = new CopyOnWriteArrayList<>();

        List<String> sentTo(long chat) {
            return sent.stream().filter(e -> e.getKey() == chat).map(Map.Entry::getValue).toList();
        }

        @Override
        public String botUsername() {
            return "iw_bot";
        }

        @Override
        public long sendHtml(ChatTarget to, String html, Keyboard keyboard) {
            sent.add(Map.entry(to.chatId(), html));
            return sent.size();
        }
    }
}
