package org.iterwatch.bot.chat;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongFunction;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusText;
import org.iterwatch.subscription.AuditRow;
import org.iterwatch.subscription.Person;
import org.iterwatch.subscription.Role;

/** What the bot answers about who may use it (/users, /allow, /deny), in Telegram HTML. */
public final class PeopleTexts {
    static final String CONFIG_ADMINS = "Admins from the configuration (telegram.admins) stay admins: /allow and /deny "
            + "cannot change them.";
    static final String ROLES = "The roles are admin, operator and viewer.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PeopleTexts() {
    }

    /** Everyone with a role, cut to one message, and the rule about admins from the configuration. */
    static String users(List<Person> all, LongFunction<String> names) {
        StringBuilder out = new StringBuilder("<b>People</b>\n");
        for (int i = 0; i < all.size(); i++) {
            String line = line(all.get(i), names) + "\n";
            if (out.length() + line.length() + CONFIG_ADMINS.length() > StatusText.MAX_MESSAGE - 60) {
                out.append("\u2026 and ").append(all.size() - i).append(" more\n");
                break;
            }
            out.append(line);
        }
        return out.append(CONFIG_ADMINS).toString();
    }

    static String hasRoleAlready(long userId, Role role) {
        return code(userId) + " is " + role.label() + " already.";
    }

    static String allowed(long userId, Role role, Role before) {
        return "\u2705 " + code(userId) + " is now " + role.label()
                + (before == null ? "." : " (was " + before.label() + ").");
    }

    static String hadNoAccess(long userId) {
        return code(userId) + " had no access.";
    }

    static String denied(long userId, Role before) {
        return "\ud83d\udeab " + code(userId) + " has no access any more (was " + before.label()
                + "); their private chat gets no more charts or alerts.";
    }

    /** Plain text. */
    static String notAUserId(String text) {
        return "'" + Html.shorten(text, 40) + "' is not a Telegram user id: that is a positive number, which the person "
                + "learns by writing to this bot.";
    }

    /** The audit rows, newest first: when, who, where, what and how it ended; cut to one message. */
    static String audit(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return "<b>Audit</b>: the trail is empty.";
        }
        StringBuilder out = new StringBuilder("<b>Audit</b>, newest first\n");
        for (int i = 0; i < rows.size(); i++) {
            String line = auditLine(rows.get(i)) + "\n";
            if (out.length() + line.length() > StatusText.MAX_MESSAGE - 40) {
                out.append("\u2026 and ").append(rows.size() - i).append(" more");
                break;
            }
            out.append(line);
        }
        return out.toString().strip();
    }

    private static String auditLine(AuditRow r) {
        String when = TIME.format(r.lastAt()) + (r.attempts() > 1 ? " (" + r.attempts() + "\u00d7 since "
                + TIME.format(r.at()) + ")" : "");
        return when + " \u00b7 " + r.outcome() + " \u00b7 " + code(r.userId())
                + (r.chatId() == null || r.chatId() == r.userId() ? "" : " in " + code(r.chatId()))
                + " \u00b7 " + Html.escape(Html.shorten(r.action(), 60))
                + (r.detail() == null ? "" : " \u2014 " + Html.escape(Html.shorten(r.detail(), 120)));
    }

    /** "operator · @alice (4004) — by @bob, 2026-11-30 14:00 UTC": people by name, the id for /allow and /deny. */
    private static String line(Person p, LongFunction<String> names) {
        String who = p.role().label() + " \u00b7 " + person(p.userId(), names);
        return p.fromConfig() ? who + " (configuration)"
                : who + " \u2014 by " + Html.escape(names.apply(p.grantedBy())) + ", " + TIME.format(p.grantedAt());
    }

    /** The name and the id, or the id alone while no name is known. */
    private static String person(long id, LongFunction<String> names) {
        String name = names.apply(id);
        return name.equals(String.valueOf(id)) ? code(id) : Html.escape(name) + " \u00b7 " + code(id);
    }

    private static String code(long id) {
        return "<code>" + id + "</code>";
    }
}
