package org.iterwatch.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iterwatch.render.PlotSeries;

/**
 * The points of one run of a calculation, keyed by (series, iteration, index): a repeated identity
 * replaces the earlier value, and points are ordered by identity, not arrival. Absent indices hold NaN.
 * Values live in one primitive array per iteration, so a million points cost no boxing.
 */
final class Series {
    private final Map<String, TreeMap<Long, Row>> byName = new TreeMap<>();
    private long points;
    private long version;
    private String cachedName;
    private TreeMap<Long, Row> cachedRows;
    private long cachedIteration = -1;
    private Row cachedRow;

    /** The values of one iteration of one series; x is null until a record gives abscissae. */
    static final class Row {
        double[] y = new double[0];
        double[] x;
        int count;
    }

    void put(long iteration, int firstIndex, double[] values) {
        put("", iteration, firstIndex, values, null);
    }

    /** @param x abscissae, one per value, or null */
    void put(String name, long iteration, int firstIndex, double[] values, double[] x) {
        Row row = row(name, iteration);
        int needed = firstIndex + values.length;
        if (row.y.length < needed) {
            int old = row.y.length;
            row.y = Arrays.copyOf(row.y, Math.max(needed, Math.min(old * 2, needed + 1024)));
            Arrays.fill(row.y, old, row.y.length, Double.NaN);
            if (row.x != null) {
                row.x = Arrays.copyOf(row.x, row.y.length);
                Arrays.fill(row.x, old, row.x.length, Double.NaN);
            }
        }
        double[] y = row.y;
        for (int i = 0; i < values.length; i++) {
            double before = y[firstIndex + i];
            if (Double.isNaN(before)) {
                points++;
                row.count++;
                version++;
                y[firstIndex + i] = values[i];
            } else if (Double.compare(before, values[i]) != 0) {
                y[firstIndex + i] = values[i];
                version++;
            }
        }
        if (x != null) {
            if (row.x == null) {
                row.x = new double[y.length];
                Arrays.fill(row.x, Double.NaN);
            }
            for (int i = 0; i < x.length; i++) {
                if (Double.compare(row.x[firstIndex + i], x[i]) != 0) {
                    row.x[firstIndex + i] = x[i];
                    version++;
                }
            }
        }
    }

    private Row row(String name, long iteration) {
        // Consecutive records mostly belong to the same iteration of the same series.
        if (iteration == cachedIteration && name.equals(cachedName)) {
            return cachedRow;
        }
        TreeMap<Long, Row> rows = name.equals(cachedName) ? cachedRows : byName.computeIfAbsent(name, k -> new TreeMap<>());
        Row row = rows.computeIfAbsent(iteration, k -> new Row());
        cachedName = name;
        cachedRows = rows;
        cachedIteration = iteration;
        cachedRow = row;
        return row;
    }

    /** All values of all series in identity order. */
    double[] values() {
        double[] out = new double[Math.toIntExact(points)];
        int n = 0;
        for (TreeMap<Long, Row> rows : byName.values()) {
            for (Row row : rows.values()) {
                for (double v : row.y) {
                    if (!Double.isNaN(v)) {
                        out[n++] = v;
                    }
                }
            }
        }
        return out;
    }

    /**
     * One line per series. With {@code coordinates} a series whose every point has an abscissa is drawn
     * against it; otherwise points are numbered.
     */
    List<PlotSeries> plot(boolean coordinates) {
        List<PlotSeries> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, Row>> e : byName.entrySet()) {
            int size = 0;
            boolean allX = coordinates;
            for (Row row : e.getValue().values()) {
                size += row.count;
                allX &= row.x != null;
            }
            double[] y = new double[size];
            double[] x = allX ? new double[size] : null;
            List<Integer> breaks = new ArrayList<>();
            int n = 0;
            long previous = Long.MIN_VALUE;
            for (Map.Entry<Long, Row> r : e.getValue().entrySet()) {
                Row row = r.getValue();
                if (n > 0 && r.getKey() - previous > 1) {
                    breaks.add(n); // missing iterations: the line does not bridge them
                }
                previous = r.getKey();
                for (int i = 0; i < row.y.length; i++) {
                    if (!Double.isNaN(row.y[i])) {
                        if (x != null) {
                            x[n] = row.x[i];
                            allX &= !Double.isNaN(row.x[i]);
                        }
                        y[n++] = row.y[i];
                    }
                }
            }
            out.add(new PlotSeries(e.getKey(), allX ? x : null, y, breaks.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** Every point as CSV: series, iteration, index, x, value; in identity order. */
    void csv(StringBuilder out) {
        out.append("series,iteration,index,x,value\n");
        for (Map.Entry<String, TreeMap<Long, Row>> e : byName.entrySet()) {
            String name = csvField(e.getKey());
            for (Map.Entry<Long, Row> r : e.getValue().entrySet()) {
                Row row = r.getValue();
                for (int i = 0; i < row.y.length; i++) {
                    if (!Double.isNaN(row.y[i])) {
                        out.append(name).append(',').append(r.getKey()).append(',').append(i).append(',');
                        if (row.x != null && !Double.isNaN(row.x[i])) {
                            out.append(row.x[i]);
                        }
                        out.append(',').append(row.y[i]).append('\n');
                    }
                }
            }
        }
    }

    private static String csvField(String s) {
        return s.matches("[A-Za-z0-9 ._-]*") ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Iterations between the first and the last that hold no point in any series. */
    Gaps gaps(int listed) {
        long[] keys = byName.values().stream().flatMap(m -> m.keySet().stream()).mapToLong(Long::longValue)
                .sorted().distinct().toArray();
        List<Long> missing = new ArrayList<>();
        long count = 0;
        for (int i = 1; i < keys.length; i++) {
            long gap = keys[i] - keys[i - 1] - 1;
            for (long k = keys[i - 1] + 1; k < keys[i] && missing.size() < listed; k++) {
                missing.add(k);
            }
            count += gap;
        }
        return new Gaps(List.copyOf(missing), count);
    }

    /** @param listed the first few missing iterations; @param count how many are missing in all */
    record Gaps(List<Long> listed, long count) {
        static final Gaps NONE = new Gaps(List.of(), 0);
    }

    long points() {
        return points;
    }

    /** Grows whenever a point is added or changed, so an unchanged series is never redrawn. */
    long version() {
        return version;
    }

    long firstIteration() {
        return byName.values().stream().filter(m -> !m.isEmpty()).mapToLong(TreeMap::firstKey).min().orElse(0);
    }

    long lastIteration() {
        return byName.values().stream().filter(m -> !m.isEmpty()).mapToLong(TreeMap::lastKey).max().orElse(0);
    }
}
