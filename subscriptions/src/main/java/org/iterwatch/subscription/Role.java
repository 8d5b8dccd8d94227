package org.iterwatch.subscription;

import java.util.Locale;
import java.util.Optional;

/** What a person may do: admins everything, operators control monitors, viewers look and subscribe. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.label().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
