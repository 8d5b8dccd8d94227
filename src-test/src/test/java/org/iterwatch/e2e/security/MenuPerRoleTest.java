package org.iterwatch.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.util.List;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.RegisteredCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: Telegram's menu follows each person's role (setMyCommands with a BotCommandScope): a viewer sees no
 * operator or admin commands, an operator no admin ones, an admin everything, in their private chats and in a
 * served group; /allow and /deny change it at once. /audit shows admins the latest audit rows in chat.
 */
class MenuPerRoleTest {
    static final long ADMIN = 1701;
    static final long PERSON = 1702;
    static final long STRANGER = 1703;
    static final long GROUP = -1001700;
    static final List<String> OPERATORS = List.of("start", "add", "run", "stop", "remove");
    static final List<String> ADMINS = List.of("users", "allow", "deny", "audit");

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).groups(GROUP)
            .configure(IterwatchExtension.QUICK_CHATS);

    @Test
    void eachRoleSeesItsOwnMenuAndAChangeOfRoleChangesIt(Iterwatch iterwatch, FakeTelegram telegram) {
        // the people's own menus are set in the background at start
        telegram.await(() -> menu(telegram, GROUP, ADMIN).containsAll(ADMINS), TIMEOUT, "the admin's menu in the group");
        assertThat(menu(telegram, ADMIN, ADMIN)).containsAll(OPERATORS).containsAll(ADMINS).contains("status", "board");
        assertThat(menu(telegram, STRANGER, STRANGER)).as("everyone else: the viewer's commands")
                .contains("status", "board", "help").doesNotContainAnyElementsOf(OPERATORS).doesNotContainAnyElementsOf(ADMINS);

        assertThat(iterwatch.ask(ADMIN, "/allow " + PERSON + " viewer")).contains("viewer");
        assertThat(menu(telegram, PERSON, PERSON)).contains("status", "export")
                .doesNotContainAnyElementsOf(OPERATORS).doesNotContainAnyElementsOf(ADMINS);

        assertThat(iterwatch.ask(ADMIN, "/allow " + PERSON + " operator")).contains("operator");
        telegram.await(() -> menu(telegram, PERSON, PERSON).containsAll(OPERATORS), TIMEOUT, "the operator's menu");
        assertThat(menu(telegram, PERSON, PERSON)).doesNotContainAnyElementsOf(ADMINS);
        assertThat(menu(telegram, GROUP, PERSON)).containsAll(OPERATORS).doesNotContainAnyElementsOf(ADMINS);

        assertThat(iterwatch.ask(ADMIN, "/deny " + PERSON)).contains("no access");
        assertThat(menu(telegram, PERSON, PERSON)).doesNotContainAnyElementsOf(OPERATORS);
        assertThat(menu(telegram, GROUP, PERSON)).doesNotContainAnyElementsOf(OPERATORS);

        iterwatch.stop();
        iterwatch.start();
        telegram.await(() -> menu(telegram, ADMIN, ADMIN).containsAll(ADMINS), TIMEOUT, "the admin's menu after a restart");
        assertThat(menu(telegram, PERSON, PERSON)).doesNotContainAnyElementsOf(OPERATORS);
    }

    /** /help shows each person the commands their menu has: none that would only be refused. */
    @Test
    void helpListsWhatTheAskersRoleMayUse(Iterwatch iterwatch, FakeTelegram telegram) {
        telegram.await(() -> menu(telegram, ADMIN, ADMIN).containsAll(ADMINS), TIMEOUT, "the admin's menu");
        assertThat(helpCommands(iterwatch.ask(ADMIN, "/help")))
                .containsExactlyInAnyOrderElementsOf(menu(telegram, ADMIN, ADMIN));

        iterwatch.ask(ADMIN, "/allow " + PERSON + " viewer");
        String viewer = iterwatch.ask(PERSON, "/help");
        assertThat(helpCommands(viewer)).contains("status", "board", "help").doesNotContainAnyElementsOf(OPERATORS)
                .doesNotContainAnyElementsOf(ADMINS).containsExactlyInAnyOrderElementsOf(menu(telegram, PERSON, PERSON));
        assertThat(viewer).contains("Your role is viewer; operators and admins have more commands.")
                .contains("How a solver publishes");

        iterwatch.ask(ADMIN, "/allow " + PERSON + " operator");
        telegram.await(() -> menu(telegram, PERSON, PERSON).containsAll(OPERATORS), TIMEOUT, "the operator's menu");
        String operator = iterwatch.ask(PERSON, "/help");
        assertThat(helpCommands(operator)).containsAll(OPERATORS).doesNotContainAnyElementsOf(ADMINS)
                .containsExactlyInAnyOrderElementsOf(menu(telegram, PERSON, PERSON));
        assertThat(operator).contains("Your role is operator; admins have more commands.");
    }

    /** The commands a /help answer lists, one per line that starts with one. */
    private static List<String> helpCommands(String help) {
        return help.lines().filter(l -> l.startsWith("/")).map(l -> l.substring(1).split("[ \u2014]", 2)[0]).toList();
    }

    @Test
    void auditShowsAdminsTheLatestEntries(Iterwatch iterwatch) {
        iterwatch.ask(ADMIN, "/allow " + PERSON + " viewer");
        assertThat(iterwatch.ask(PERSON, "/audit")).contains("needs the admin role");
        iterwatch.ask(ADMIN, "/allow " + PERSON + " operator");

        String two = iterwatch.ask(ADMIN, "/audit 2");
        assertThat(two).startsWith("<b>Audit</b>, newest first");
        List<String> lines = two.lines().skip(1).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("CHANGED").contains("<code>" + ADMIN + "</code>").contains("/allow " + PERSON + " operator");
        assertThat(lines.get(1)).contains("REFUSED").contains("<code>" + PERSON + "</code>").contains("/audit");
        assertThat(iterwatch.ask(ADMIN, "/audit 500")).startsWith("Usage: /audit [n]");
    }

    private static List<String> menu(FakeTelegram telegram, long chat, long user) {
        return telegram.menuFor(chat, user).stream().map(RegisteredCommand::command).toList();
    }
}
