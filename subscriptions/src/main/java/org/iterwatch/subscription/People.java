package org.iterwatch.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Who may use the bot and in which role. Admins from the configuration are admins whatever happens
 * at runtime; everyone else is allowed, changed and denied by an admin, stored, and audited. Roles
 * are read on every update, so they are kept in memory and written through.
 */
public final class People {
    private final PersonStore store;
    private final Set<Long> configAdmins;
    private final Clock clock;
    private final Map<Long, Person> people = new ConcurrentHashMap<>();
    /** How each person is called ("@alice" or "Alice"), as their latest update said. */
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    public People(DataSource dataSource, Collection<Long> configAdmins, Clock clock) {
        this.store = new PersonStore(Jdbi.create(dataSource));
        this.configAdmins = Set.copyOf(configAdmins);
        this.clock = clock;
        reload();
    }

    /**
     * Reads everyone again: on a shared database another instance may have allowed or denied people while this
     * one was standby.
     */
    public synchronized void reload() {
        Map<Long, Person> now = new java.util.HashMap<>();
        store.all().forEach(p -> now.put(p.userId(), p));
        people.keySet().retainAll(now.keySet());
        people.putAll(now);
        names.putAll(store.names());
    }


    /**
     * Someone wrote or pressed a button: how Telegram calls them now. Stored only when it changed, so it costs
     * nothing per update; strangers are not stored.
     */
    public void seen(long userId, String username, String firstName) {
        String name = username != null && !username.isBlank() ? "@" + username
                : firstName != null && !firstName.isBlank() ? firstName.strip() : null;
        if (name == null || name.equals(names.get(userId)) || role(userId).isEmpty()) {
            return;
        }
        store.name(userId, shorten(username, 64), shorten(firstName, 128));
        names.put(userId, shorten(name, 128));
    }

    /** "@alice", else her first name, else her numeric id. */
    public String name(long userId) {
        return names.getOrDefault(userId, String.valueOf(userId));
    }

    /** The name, when one is known, and the id: "@alice (4004)", for lists and the audit. */
    public String nameAndId(long userId) {
        String name = names.get(userId);
        return name == null ? String.valueOf(userId) : name + " (" + userId + ")";
    }

    private static String shorten(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The person's role, or empty for a stranger. */
    public Optional<Role> role(long userId) {
        if (configAdmins.contains(userId)) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.ofNullable(people.get(userId)).map(Person::role);
    }

    /** Gives {@code userId} a role (a new person, or a new role); only an admin may, and not to a config admin. */
    public synchronized RoleChange allow(long by, Long chatId, long userId, Role role) {
        return change(by, chatId, userId, role, "/allow " + userId + " " + role.label());
    }

    /** Takes all access away from {@code userId}; only an admin may, and not from a config admin. */
    public synchronized RoleChange deny(long by, Long chatId, long userId) {
        return change(by, chatId, userId, null, "/deny " + userId);
    }

    /** Config admins first, then everyone allowed at runtime, highest role first. */
    public List<Person> list() {
        List<Person> out = new ArrayList<>(configAdmins.stream().sorted().map(id -> new Person(id, Role.ADMIN, null, null)).toList());
        people.values().stream().filter(p -> !configAdmins.contains(p.userId()))
                .sorted(Comparator.comparing(Person::role).reversed().thenComparing(Person::userId)).forEach(out::add);
        return out;
    }

    private RoleChange change(long by, Long chatId, long userId, Role role, String action) {
        Instant now = clock.instant();
        if (role(by).orElse(null) != Role.ADMIN) {
            throw refused(by, chatId, action, now, "only admins manage people");
        }
        if (userId <= 0) {
            throw new SubscriptionException("A Telegram user id is a positive number.");
        }
        if (configAdmins.contains(userId)) {
            throw refused(by, chatId, action, now, userId + " is an admin from the configuration (telegram.admins) and "
                    + "stays one; change the configuration and restart to change that.");
        }
        Person before = people.get(userId);
        RoleChange change = new RoleChange(userId, before == null ? null : before.role(), role);
        if (!change.changed()) {
            return change;
        }
        store.put(userId, role, by, now, new AuditEntry(now, by, chatId, action, AuditEntry.Outcome.CHANGED,
                nameAndId(userId) + ": " + label(change.before()) + " \u2192 " + label(role)));
        if (role == null) {
            people.remove(userId);
        } else {
            people.put(userId, new Person(userId, role, by, now));
        }
        return change;
    }

    private SubscriptionException refused(long by, Long chatId, String action, Instant now, String why) {
        store.audit(new AuditEntry(now, by, chatId, action, AuditEntry.Outcome.REFUSED, why));
        return new SubscriptionException(why);
    }

    private static String label(Role role) {
        return role == null ? "none" : role.label();
    }
}
