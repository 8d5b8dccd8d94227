package org.iterwatch.bot;

import java.time.Clock;
import javax.sql.DataSource;
import org.iterwatch.bot.chat.Access;
import org.iterwatch.bot.chat.AlertCommands;
import org.iterwatch.bot.chat.ChatExecutor;
import org.iterwatch.bot.chat.CommandMenus;
import org.iterwatch.bot.chat.CommandTable;
import org.iterwatch.bot.chat.Commands;
import org.iterwatch.bot.chat.MonitorCommands;
import org.iterwatch.bot.chat.OverviewCommands;
import org.iterwatch.bot.chat.PeopleCommands;
import org.iterwatch.bot.chat.Presses;
import org.iterwatch.bot.chat.SettingCommands;
import org.iterwatch.bot.chat.UpdateLoop;
import org.iterwatch.bot.delivery.ChatMigrations;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.bot.telegram.BotSetup;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.subscription.ChatSettings;
import org.iterwatch.subscription.People;

/**
 * What people do in the chats: access and roles, the command table with its handlers, button presses, each role's
 * command menu, and the loop that takes Telegram's updates to them, one executor a chat.
 */
record ChatWiring(People people, CommandMenus menus, Commands commands, Presses presses) {

    static ChatWiring wire(IterwatchConfig config, DataSource dataSource, TelegramWiring telegram,
                           MonitorWiring monitoring, People people, EventsConsumer events) {
        Access access = new Access(people, config.telegram().groups(), telegram.chatBook(), monitoring.audit(),
                telegram.delivery(), Clock.systemUTC());
        AlertCommands alertCommands = new AlertCommands(monitoring.alerts(), events, people);
        ChatSettings chatSettings = new ChatSettings(dataSource);
        OverviewCommands overview = new OverviewCommands(monitoring.boards(), monitoring.digests());
        CommandMenus menus = new CommandMenus(telegram.api(), people, config.telegram().groups());
        CommandTable table = new CommandTable(new MonitorCommands(monitoring.monitors(), telegram.delivery(),
                telegram.documents(), alertCommands, monitoring.pinned(), chatSettings), alertCommands,
                new PeopleCommands(people, monitoring.alerts(), monitoring.monitors(), monitoring.audit(), menus),
                new SettingCommands(chatSettings), overview);
        menus.use(table);
        Commands commands = new Commands(telegram.api(), telegram.delivery(), access, table);
        Presses presses = new Presses(telegram.delivery(), monitoring.monitors(), access, alertCommands, overview);
        return new ChatWiring(people, menus, commands, presses);
    }

    /** On the active side: Telegram made ready for polling (no webhook), then each person's own command menu. */
    void setUpBot(Lifecycle active, TelegramWiring telegram) {
        active.add("bot setup", new BotSetup(telegram.api()));
        active.add("command menus", menus);
    }

    /** On the active side, last: commands and presses are taken in only once everything they reach runs. */
    void listen(Lifecycle active, TelegramWiring telegram, ChatMigrations migrations, DataSource dataSource) {
        ChatExecutor chats = active.add("command handling", new ChatExecutor());
        UpdateLoop updates = new UpdateLoop(commands, presses, chats, migrations, people);
        active.add("Telegram polling", telegram.polling(dataSource, updates::accept));
    }
}
