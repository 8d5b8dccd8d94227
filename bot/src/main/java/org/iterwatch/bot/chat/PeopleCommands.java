package org.iterwatch.bot.chat;

import org.iterwatch.monitor.MonitorService;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.Audit;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.RoleChange;
import org.iterwatch.subscription.SubscriptionException;

/** /users, /allow, /deny, /audit: who may use the bot. For admins; admins from the configuration stay admins. */
public final class PeopleCommands {
    /** Rows /audit shows unless told, and at most (one message holds them). */
    static final int AUDIT_ROWS = 10;
    static final int AUDIT_MAX = 30;
    private final People people;
    private final Alerts alerts;
    private final MonitorService monitors;
    private final Audit audit;
    private final CommandMenus menus;

    public PeopleCommands(People people, Alerts alerts, MonitorService monitors, Audit audit, CommandMenus menus) {
        this.people = people;
        this.alerts = alerts;
        this.monitors = monitors;
        this.audit = audit;
        this.menus = menus;
    }

    /** /audit [n]: the latest rows of the audit trail, newest first. */
    String audit(Incoming.Text m, String argument) {
        int rows = AUDIT_ROWS;
        if (!argument.isBlank()) {
            try {
                rows = Integer.parseInt(argument.strip());
            } catch (NumberFormatException e) {
                throw new WrongUsage();
            }
            if (rows < 1 || rows > AUDIT_MAX) {
                throw new WrongUsage();
            }
        }
        return PeopleTexts.audit(audit.latest(rows));
    }

    String users(Incoming.Text m, String argument) {
        return PeopleTexts.users(people.list(), people::name);
    }

    String allow(Incoming.Text m, String argument) {
        String[] words = argument.split("\\s+");
        if (words.length != 2) {
            throw new WrongUsage();
        }
        long userId = userId(words[0]);
        Role role = Role.parse(words[1]).orElseThrow(() -> new SubscriptionException(PeopleTexts.ROLES));
        RoleChange change = people.allow(m.userId(), m.chatId(), userId, role);
        if (change.changed()) {
            menus.roleChanged(userId);
        }
        return change.changed() ? PeopleTexts.allowed(userId, role, change.before())
                : PeopleTexts.hasRoleAlready(userId, role);
    }

    /** Also ends what their private chat was getting: access lost means charts and alerts too. */
    String deny(Incoming.Text m, String argument) {
        if (WrongUsage.required(argument).contains(" ")) {
            throw new WrongUsage();
        }
        long userId = userId(argument);
        RoleChange change = people.deny(m.userId(), m.chatId(), userId);
        if (!change.changed()) {
            return PeopleTexts.hadNoAccess(userId);
        }
        monitors.forgetChat(userId);
        alerts.unsubscribeAll(userId);
        menus.roleChanged(userId);
        return PeopleTexts.denied(userId, change.before());
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
        throw new SubscriptionException(PeopleTexts.notAUserId(text));
    }
}
