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
 * @param converge      the tolerance of |Δ| between iterations ({@code converge=1e-6}), or null: no convergence watch
 * @param limit         values beyond ±limit are diverging ({@code limit=1e6}), or null: no limit
 * @param stagnation    iterations without a smaller |Δ| after which the solver is stagnating ({@code stagnation=10})
 */
public record MonitorOptions(Duration refreshPeriod, Duration stallPeriod, XAxis xAxis, Double converge, Double limit,
                             Integer stagnation) {
    public static final MonitorOptions DEFAULTS = new MonitorOptions(null, null, null);
    public static final int DEFAULT_STAGNATION = 10;

    public MonitorOptions(Duration refreshPeriod, Duration stallPeriod, XAxis xAxis) {
        this(refreshPeriod, stallPeriod, xAxis, null, null, null);
    }
    private static final Duration MIN_REFRESH = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofDays(30);

    /**
     * Reads {@code key=value} words: {@code refresh=5s}, {@code stall=10m}, {@code x=ordinal|coordinates},
     * {@code converge=1e-6}, {@code limit=1e6}, {@code stagnation=10}; {@code converge=off}, {@code limit=off} clear.
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
        Double tolerance = converge;
        Double bound = limit;
        Integer patience = stagnation;
        for (Map.Entry<String, String> e : given.entrySet()) {
            switch (e.getKey()) {
                case "refresh" -> refresh = duration("refresh", e.getValue(), MIN_REFRESH);
                case "stall" -> stall = duration("stall", e.getValue(), Duration.ofSeconds(1));
                case "x" -> x = XAxis.parse(e.getValue());
                case "converge" -> tolerance = positive("converge", e.getValue());
                case "limit" -> bound = positive("limit", e.getValue());
                case "stagnation" -> patience = iterations("stagnation", e.getValue());
                default -> throw new MonitorException(MonitorMessages.unknownOption(e.getKey()));
            }
        }
        return new MonitorOptions(refresh, stall, x, tolerance, bound, patience);
    }

    /** A positive finite number, or null for "off". */
    private static Double positive(String key, String text) {
        if (text.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new MonitorException(MonitorMessages.notAPositiveNumber(key, text));
    }

    private static Integer iterations(String key, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 2 && v <= 100_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new MonitorException(MonitorMessages.notAnIterationCount(key, text));
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
                stallPeriod == null ? stall : stallPeriod, xAxis == null ? XAxis.ORDINAL : xAxis, converge, limit,
                stagnation == null ? DEFAULT_STAGNATION : stagnation);
    }

    /** A number as /add takes it back: 1.0E-6, 1000000, 0.5. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
            out.append("x=").append(xAxis.name().toLowerCase(Locale.ROOT)).append(' ');
        }
        if (converge != null) {
            out.append("converge=").append(number(converge)).append(' ');
        }
        if (limit != null) {
            out.append("limit=").append(number(limit)).append(' ');
        }
        if (stagnation != null) {
            out.append("stagnation=").append(stagnation);
        }
        return out.toString().strip();
    }
}
