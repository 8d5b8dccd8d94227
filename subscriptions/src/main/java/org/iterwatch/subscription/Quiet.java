package org.iterwatch.subscription;

import java.util.Locale;
import java.util.Optional;

/** Which alerts arrive without a sound in a chat (/quiet). */
public enum Quiet {
    /** Informational ones (the default): only alarms ring. */
    INFO,
    /** Every alert is silent. */
    ALL,
    /** Every alert rings. */
    NONE;

    boolean silent(boolean loud) {
        return switch (this) {
            case INFO -> !loud;
            case ALL -> true;
            case NONE -> false;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Quiet> parse(String text) {
        for (Quiet q : values()) {
            if (q.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
