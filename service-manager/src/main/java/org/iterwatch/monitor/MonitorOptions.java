package org.iterwatch.monitor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iterwatch.config.Durations;

/**
 * A monitor's own settings; null means "the configured default".
 *
 * @param refreshPeriod how often it reads and redraws
 * @param stallPeriod   silence after which it is reported stalled
 * @param xAxis         ordinal numbers or real coordinates
 */
public record MonitorOptions(Duration refreshPeriod, Duration stallPeriod, XAxis xAxis) {
    public static final MonitorOptions DEFAULTS = new MonitorOptions(null, null, null);
    private static final Duration MIN_REFRESH = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofDays(30);

    /**
     * Reads {@code key=value} words: {@code refresh=5s}, {@code stall=10m}, {@code x=ordinal|coordinates}.
     * Keys not given keep this record's values.
     */
    public MonitorOptions with(List<String> words) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new MonitorException(MonitorMessages.notAnOption(word));
            }
            given.put(word.substring(0, eq).toLowerCase(Locale.ROOT), word.substring(eq + 1));
        }
        Duration refresh = refreshPeriod;
        Duration stall = stallPeriod;
        XAxis x = xAxis;
        for (Map.Entry<String, String> e : given.entrySet()) {
            switch (e.getKey()) {
                case "refresh" -> refresh = duration("refresh", e.getValue(), MIN_REFRESH);
                case "stall" -> stall = duration("stall", e.getValue(), Duration.ofSeconds(1));
                case "x" -> x = XAxis.parse(e.getValue());
                default -> throw new MonitorException(MonitorMessages.unknownOption(e.getKey()));
            }
        }
        return new MonitorOptions(refresh, stall, x);
    }

    private static Duration duration(String key, String text, Duration min) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (RuntimeException e) {
            throw new MonitorException(MonitorMessages.notADuration(key, text));
        }
        if (d.compareTo(min) < 0 || d.compareTo(MAX) > 0) {
            throw new MonitorException(MonitorMessages.durationOutOfRange(key, min, MAX));
        }
        return d;
    }

    /** The settings in force: these, else the configured defaults. */
    MonitorOptions orElse(Duration refresh, Duration stall) {
        return new MonitorOptions(refreshPeriod == null ? refresh : refreshPeriod,
                stallPeriod == null ? stall : stallPeriod, xAxis == null ? XAxis.ORDINAL : xAxis);
    }

    /** The options as /add takes them, e.g. "refresh=1s stall=2s x=coordinates". */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (refreshPeriod != null) {
            out.append("refresh=").append(Durations.format(refreshPeriod)).append(' ');
        }
        if (stallPeriod != null) {
            out.append("stall=").append(Durations.format(stallPeriod)).append(' ');
        }
        if (xAxis != null) {
            out.append("x=").append(xAxis.name().toLowerCase(Locale.ROOT));
        }
        return out.toString().strip();
    }
}
