package org.iterwatch.bot;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.iterwatch.bot.TelegramGateway.BotCommandSpec;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusText;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.Person;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.RoleChange;
import org.iterwatch.subscription.SubscriptionException;

/** /users, /allow, /deny: who may use the bot. For admins; admins from the configuration stay admins. */
final class PeopleCommands {
    static final List<BotCommandSpec> MENU = List.of(
            new BotCommandSpec("users", "Who may use this bot, and their roles (admins)"),
            new BotCommandSpec("allow", "Give access: /allow <user id> <admin|operator|viewer> (admins)"),
            new BotCommandSpec("deny", "Take access away: /deny <user id> (admins)"));
    static final String CONFIG_ADMINS = "Admins from the configuration (telegram.admins) stay admins: /allow and /deny "
            + "cannot change them.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final People people;
    private final Alerts alerts;
    private final MonitorService monitors;

    PeopleCommands(People people, Alerts alerts, MonitorService monitors) {
        this.people = people;
        this.alerts = alerts;
        this.monitors = monitors;
    }

    Map<String, Handler> handlers() {
        return Map.of("users", new Handler(Role.ADMIN, (m, a) -> users()), "allow", new Handler(Role.ADMIN, this::allow),
                "deny", new Handler(Role.ADMIN, this::deny));
    }

    private String allow(Incoming.Text m, String argument) {
        String[] words = argument.split("\\s+");
        if (words.length != 2) {
            throw new SubscriptionException("Usage: /allow <user id> <admin|operator|viewer>");
        }
        long userId = userId(words[0]);
        Role role = Role.parse(words[1])
                .orElseThrow(() -> new SubscriptionException("The roles are admin, operator and viewer."));
        RoleChange change = people.allow(m.userId(), m.chatId(), userId, role);
        if (!change.changed()) {
            return code(userId) + " is " + role.label() + " already.";
        }
        return "\u2705 " + code(userId) + " is now " + role.label()
                + (change.before() == null ? "." : " (was " + change.before().label() + ").");
    }

    /** Also ends what their private chat was getting: access lost means charts and alerts too. */
    private String deny(Incoming.Text m, String argument) {
        if (argument.isEmpty() || argument.contains(" ")) {
            throw new SubscriptionException("Usage: /deny <user id>");
        }
        long userId = userId(argument);
        RoleChange change = people.deny(m.userId(), m.chatId(), userId);
        if (!change.changed()) {
            return code(userId) + " had no access.";
        }
        monitors.forgetChat(userId);
        alerts.unsubscribeAll(userId);
        return "\ud83d\udeab " + code(userId) + " has no access any more (was " + change.before().label()
                + "); their private chat gets no more charts or alerts.";
    }

    private String users() {
        StringBuilder out = new StringBuilder("<b>People</b>\n");
        List<Person> all = people.list();
        for (int i = 0; i < all.size(); i++) {
            String line = line(all.get(i)) + "\n";
            if (out.length() + line.length() + CONFIG_ADMINS.length() > StatusText.MAX_MESSAGE - 60) {
                out.append("\u2026 and ").append(all.size() - i).append(" more\n");
                break;
            }
            out.append(line);
        }
        return out.append(CONFIG_ADMINS).toString();
    }

    private static String line(Person p) {
        String who = p.role().label() + " \u00b7 " + code(p.userId());
        return p.fromConfig() ? who + " (configuration)"
                : who + " \u2014 by " + code(p.grantedBy()) + ", " + TIME.format(p.grantedAt());
    }

    private static long userId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw new SubscriptionException("'" + Html.shorten(text, 40) + "' is not a Telegram user id: that is a positive "
                + "number, which the person learns by writing to this bot.");
    }

    private static String code(long id) {
        return "<code>" + id + "</code>";
    }
}
