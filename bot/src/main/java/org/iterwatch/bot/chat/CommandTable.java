package org.iterwatch.bot.chat;

import static org.iterwatch.subscription.Role.ADMIN;
import static org.iterwatch.subscription.Role.OPERATOR;
import static org.iterwatch.subscription.Role.VIEWER;

import java.util.List;
import java.util.Optional;
import org.iterwatch.bot.telegram.TelegramGateway.BotCommandSpec;
import org.iterwatch.subscription.Role;

/**
 * Every chat command, once. The Telegram menu, /help, the dispatch and each command's role all come
 * from this list, so a new command is one row here (and its action in its area's commands class).
 * The order is the menu's.
 */
public final class CommandTable {
    private final List<ChatCommand> commands;

    public CommandTable(MonitorCommands monitors, AlertCommands alerts, PeopleCommands people, SettingCommands settings,
                        OverviewCommands overview) {
        commands = List.of(
                new ChatCommand("start", "<topic>", "start a monitor; its chart is pinned in this chat", OPERATOR,
                        monitors::start),
                new ChatCommand("help", "", "what this bot does and its commands", VIEWER,
                        ChatCommand.Action.byRole(this::help)),
                new ChatCommand("add", "<topic> [title] [refresh=2s] [stall=10m] [x=ordinal|coordinates] [converge=1e-6] "
                        + "[stagnation=10] [limit=1e6]",
                        "add a monitor for a topic, or change its title and options", OPERATOR, monitors::add),
                new ChatCommand("run", "<topic>", "the same as /start", OPERATOR, monitors::start),
                new ChatCommand("stop", "<topic>", "stop redrawing its chart", OPERATOR, monitors::stop),
                new ChatCommand("remove", "<topic>", "forget the monitor", OPERATOR, monitors::remove),
                new ChatCommand("status", "[topic]", "all monitors, or one in detail", VIEWER, monitors::status),
                new ChatCommand("follow", "<topic>", "pin a monitor's chart in this chat; starts or stops nothing", VIEWER,
                        monitors::follow),
                new ChatCommand("unfollow", "<topic>", "no more chart of it in this chat", VIEWER, monitors::unfollow),
                new ChatCommand("topics", "", "the topics Kafka has, monitored ones marked", VIEWER, monitors::topics),
                new ChatCommand("board", "[off]", "one picture of all monitors, pinned here and kept up to date", VIEWER,
                        overview::board),
                new ChatCommand("digest", "<hh:mm> [time zone] | off",
                        "the board and the last 24 h here every day; off: no more", VIEWER, overview::digest),
                new ChatCommand("export", "<topic>", "the series of a monitor as a CSV file", VIEWER, monitors::export),
                new ChatCommand("subscribe", "<solver|topic|all>",
                        "their alerts come to this chat; bare: what this chat follows", VIEWER, alerts::subscribe),
                new ChatCommand("unsubscribe", "<solver|topic|all>", "their alerts stop coming here", VIEWER,
                        alerts::unsubscribe),
                new ChatCommand("mute", "[duration]", "no alerts here for a while, 1h unless given", VIEWER, alerts::mute),
                new ChatCommand("unmute", "", "alerts again", VIEWER, alerts::unmute),
                new ChatCommand("quiet", "[info|all|none]",
                        "which alerts arrive without a sound: info (news, the default), all, or none", VIEWER,
                        settings::quiet),
                new ChatCommand("tz", "[zone]", "the time zone of times shown here, e.g. Europe/Berlin", VIEWER,
                        settings::tz),
                new ChatCommand("link", "<solver> [topic]", "the solver's alerts name that topic and link its chart",
                        OPERATOR, alerts::link),
                new ChatCommand("users", "", "who may use this bot, and their roles", ADMIN, people::users),
                new ChatCommand("allow", "<user id> <admin|operator|viewer>", "give access or change a role", ADMIN,
                        people::allow),
                new ChatCommand("deny", "<user id>", "take access away", ADMIN, people::deny),
                new ChatCommand("audit", "[n]", "the last n entries of the audit trail (10 unless given, at most 30)",
                        ADMIN, people::audit));
    }

    List<ChatCommand> commands() {
        return commands;
    }

    /**
     * The command a line names. A bare /start is what Telegram sends when someone first opens the bot,
     * whatever their role: it is answered as /help.
     */
    Optional<ChatCommand> find(String name, String argument) {
        String wanted = name.equals("start") && argument.isEmpty() ? "help" : name;
        return commands.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** The commands closest to {@code name} when it is a typo or two away from them, for "did you mean". */
    List<String> closeTo(String name) {
        List<String> close = commands.stream().map(ChatCommand::name)
                .filter(c -> distance(c, name) <= (name.length() <= 4 ? 1 : 2)).toList();
        int best = close.stream().mapToInt(c -> distance(c, name)).min().orElse(0);
        return close.stream().filter(c -> distance(c, name) == best).sorted().limit(3).toList();
    }

    /** Optimal-string-alignment distance: an adjacent swap ("/stauts") costs one, as typos do. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    public List<BotCommandSpec> menu() {
        return commands.stream().map(c -> new BotCommandSpec(c.name(), ChatTexts.menuDescription(c))).toList();
    }

    /** /help for someone of {@code role}: the commands that role may use, as its menu has them. */
    String help(Role role) {
        return ChatTexts.help(commands.stream().filter(c -> role.allows(c.role())).toList(), role);
    }
}
