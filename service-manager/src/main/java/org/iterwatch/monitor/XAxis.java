package org.iterwatch.monitor;

import java.util.Locale;

/** What a chart's x axis shows: the points' ordinal numbers, or the real coordinates the solver sends. */
public enum XAxis {
    ORDINAL, COORDINATES;

    static XAxis parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ordinal", "ordinals", "n" -> ORDINAL;
            case "coordinates", "coordinate", "real", "x" -> COORDINATES;
            default -> throw new MonitorException(MonitorMessages.notAnXAxis(text));
        };
    }
}
