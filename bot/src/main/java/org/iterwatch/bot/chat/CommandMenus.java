package org.iterwatch.bot.chat;

import java.util.List;
import java.util.Optional;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.bot.telegram.TelegramGateway.BotCommandSpec;
import org.iterwatch.bot.telegram.TelegramGateway.MenuScope;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.Person;
import org.iterwatch.subscription.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram menu per role (setMyCommands with a BotCommandScope): everyone sees the viewer's commands;
 * an operator or admin sees theirs too, in their private chat and as a member of each served group. Set for
 * everyone at start (the people's own menus on a thread of their own, one call each, so that many operators do
 * not hold up the start) and for one person when /allow or /deny changes their role. The role check at
 * dispatch stays what guards a command: a menu only shows.
 */
public final class CommandMenus implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(CommandMenus.class);

    private final TelegramGateway api;
    private final People people;
    private final List<Long> groups;
    private volatile CommandTable table;
    private Thread publishing;

    public CommandMenus(TelegramGateway api, People people, List<Long> groups) {
        this.api = api;
        this.people = people;
        this.groups = List.copyOf(groups);
    }

    /** The menus come from this table's rows; set once at wiring, before {@link #start}. */
    public void use(CommandTable commands) {
        table = commands;
    }

    /** Everyone's menu at once, then each operator's and admin's own in the background. */
    @Override
    public void start(Threads threads) {
        set(menu(Role.VIEWER), MenuScope.EVERYONE);
        publishing = threads.start("command-menus", () -> {
            for (Person person : people.list()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                publish(person.userId(), Optional.of(person.role()));
            }
        });
    }

    @Override
    public void stop() {
        Thread t = publishing;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One person's menu after their role changed (empty: no role any more). */
    void roleChanged(long userId) {
        if (table != null) {
            publish(userId, people.role(userId));
        }
    }

    private void publish(long userId, Optional<Role> role) {
        boolean ownMenu = role.isPresent() && role.get() != Role.VIEWER;
        for (MenuScope scope : scopes(userId)) {
            if (ownMenu) {
                set(menu(role.get()), scope);
            } else {
                delete(scope);
            }
        }
    }

    List<BotCommandSpec> menu(Role role) {
        return table.commands().stream().filter(c -> role.allows(c.role()))
                .map(c -> new BotCommandSpec(c.name(), ChatTexts.menuDescription(c))).toList();
    }

    private List<MenuScope> scopes(long userId) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(MenuScope.chat(userId)),
                groups.stream().map(g -> MenuScope.member(g, userId))).toList();
    }

    /** A menu that cannot be set is a cosmetic loss: logged, never a reason to stop. */
    private void set(List<BotCommandSpec> menu, MenuScope scope) {
        try {
            api.setCommands(menu, scope);
        } catch (TelegramFailure e) {
            LOG.warn("the command menu for {} was not set: {}", scope, e.getMessage());
        }
    }

    private void delete(MenuScope scope) {
        try {
            api.deleteCommands(scope);
        } catch (TelegramFailure e) {
            LOG.warn("the command menu for {} was not taken away: {}", scope, e.getMessage());
        }
    }
}
