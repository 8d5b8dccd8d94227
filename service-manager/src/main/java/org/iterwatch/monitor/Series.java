package org.iterwatch.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iterwatch.render.PlotSeries;

/**
 * The points of one run of a calculation, keyed by (series, iteration, index): a repeated identity
 * replaces the earlier value, and points are ordered by identity, not arrival. Values live in primitive
 * arrays ({@link Row}), so a million points cost no boxing.
 *
 * <p>Memory is counted in cells of 8 bytes: every value cell a row allocates (spare and empty ones too),
 * every abscissa, and a fixed overhead per run, iteration and series name. A put that would take the
 * series past its budget is refused before anything is allocated, so no record, however it is shaped,
 * can make a monitor hold more than its budget.
 */
final class Series {
    /** What an iteration costs beside its runs, in cells: its row object and its map entry. */
    static final int ROW_CELLS = 12;
    /** What a series name costs beside its rows: its map and entry, and the name itself (at most 200 chars). */
    static final int SERIES_CELLS = 64;
    private final Map<String, TreeMap<Long, Row>> byName = new TreeMap<>();
    private final long budget;
    private long cells;
    private long points;
    private long version;
    private String cachedName;
    private TreeMap<Long, Row> cachedRows;
    private long cachedIteration = -1;
    private Row cachedRow;

    /** A series without a budget, for tests. */
    Series() {
        this(Long.MAX_VALUE);
    }

    /** @param budget the most cells it may hold (monitors.maxPointsPerMonitor) */
    Series(long budget) {
        this.budget = budget;
    }

    void put(long iteration, int firstIndex, double[] values) {
        put("", iteration, firstIndex, values, null);
    }

    /**
     * @param x abscissae, one per value, or null
     * @throws BadRecordException when the values would take the series past its budget; nothing is changed then
     */
    void put(String name, long iteration, int firstIndex, double[] values, double[] x) {
        TreeMap<Long, Row> rows = name.equals(cachedName) ? cachedRows : byName.get(name);
        Row row = rows == null ? null : iteration == cachedIteration && rows == cachedRows ? cachedRow : rows.get(iteration);
        Row target = row == null ? new Row() : row;
        Row.Plan plan = target.plan(firstIndex, values.length, x != null);
        long cost = plan.cost() + (row == null ? ROW_CELLS : 0) + (rows == null ? SERIES_CELLS : 0);
        if (cost > 0 && cells + cost > budget) {
            throw new BadRecordException("over the point budget: it needs " + cost + " more cells, "
                    + Math.max(0, budget - cells) + " of the " + budget + " of monitors.maxPointsPerMonitor are free");
        }
        if (rows == null) {
            rows = new TreeMap<>();
            byName.put(name, rows);
        }
        if (row == null) {
            rows.put(iteration, target);
        }
        cachedName = name;
        cachedRows = rows;
        cachedIteration = iteration;
        cachedRow = target;
        long before = target.changes();
        points += target.put(plan, firstIndex, values, x);
        version += target.changes() - before;
        cells += cost;
    }

    /** All values of all series in identity order. */
    double[] values() {
        double[] out = new double[Math.toIntExact(points)];
        int[] n = {0};
        for (TreeMap<Long, Row> rows : byName.values()) {
            for (Row row : rows.values()) {
                row.forEach((index, x, y) -> out[n[0]++] = y);
            }
        }
        return out;
    }

    /** The newest {@code count} values of the first series, oldest first, read from its newest rows only. */
    double[] recent(int count) {
        if (byName.isEmpty()) {
            return new double[0];
        }
        TreeMap<Long, Row> rows = byName.values().iterator().next();
        ArrayDeque<double[]> newestFirst = new ArrayDeque<>();
        int n = 0;
        for (Row row : rows.descendingMap().values()) {
            double[] y = new double[row.count()];
            int[] i = {0};
            row.forEach((index, x, value) -> y[i[0]++] = value);
            newestFirst.addFirst(y);
            n += y.length;
            if (n >= count) {
                break;
            }
        }
        double[] out = new double[Math.min(n, count)];
        int skip = n - out.length;
        int at = 0;
        for (double[] y : newestFirst) {
            int from = Math.min(skip, y.length);
            skip -= from;
            System.arraycopy(y, from, out, at, y.length - from);
            at += y.length - from;
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
            int size = e.getValue().values().stream().mapToInt(Row::count).sum();
            Line line = new Line(size, coordinates);
            List<Integer> breaks = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            long previous = Long.MIN_VALUE;
            for (Map.Entry<Long, Row> r : e.getValue().entrySet()) {
                if (line.n > 0 && r.getKey() - previous > 1) {
                    breaks.add(line.n); // missing iterations: the line does not bridge them
                }
                if (line.n > 0) {
                    starts.add(line.n);
                }
                previous = r.getKey();
                r.getValue().forEach(line);
            }
            // Against real abscissae each iteration spans the grid again: one line per iteration, none
            // from the end of one back to the start of the next.
            List<Integer> cuts = line.allX ? starts : breaks;
            out.add(new PlotSeries(e.getKey(), line.allX ? line.x : null, line.y,
                    cuts.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /**
     * The newest {@code count} iterations of the first series, newest first, each a line named after its
     * iteration, against its abscissae (or its indices): where a solver recomputes one grid, convergence shows.
     */
    LatestLines latest(boolean coordinates, int count) {
        List<PlotSeries> out = new ArrayList<>();
        if (byName.isEmpty()) {
            return LatestLines.NONE;
        }
        boolean byIndex = false;
        for (Map.Entry<Long, Row> r : byName.values().iterator().next().descendingMap().entrySet()) {
            if (out.size() == count) {
                break;
            }
            Row row = r.getValue();
            double[] x = new double[row.count()];
            double[] y = new double[row.count()];
            boolean[] allX = {coordinates};
            int[] n = {0};
            row.forEach((index, px, py) -> {
                allX[0] &= !Double.isNaN(px);
                x[n[0]] = allX[0] ? px : index;
                y[n[0]++] = py;
            });
            if (!allX[0]) {
                int[] k = {0};
                row.forEach((index, px, py) -> x[k[0]++] = index);
                byIndex = true;
            }
            out.add(new PlotSeries("iteration " + r.getKey(), x, y));
        }
        return new LatestLines(out, byIndex);
    }

    /** The points of one series in drawing order; abscissae are kept while every point has one. */
    private static final class Line implements Row.PointSink {
        final double[] y;
        final double[] x;
        boolean allX;
        int n;

        Line(int size, boolean coordinates) {
            y = new double[size];
            x = coordinates ? new double[size] : null;
            allX = coordinates;
        }

        @Override
        public void point(int index, double px, double py) {
            if (allX) {
                x[n] = px;
                allX = !Double.isNaN(px);
            }
            y[n++] = py;
        }
    }

    /** Every point as CSV: series, iteration, index, x, value; in identity order. */
    void csv(StringBuilder out) {
        out.append("series,iteration,index,x,value\n");
        for (Map.Entry<String, TreeMap<Long, Row>> e : byName.entrySet()) {
            String name = csvField(e.getKey());
            for (Map.Entry<Long, Row> r : e.getValue().entrySet()) {
                long iteration = r.getKey();
                r.getValue().forEach((index, x, y) -> {
                    out.append(name).append(',').append(iteration).append(',').append(index).append(',');
                    if (!Double.isNaN(x)) {
                        out.append(x);
                    }
                    out.append(',').append(y).append('\n');
                });
            }
        }
    }

    private static String csvField(String s) {
        return s.matches("[A-Za-z0-9 ._-]*") ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Iterations between the first and the last that hold no point in any series. */
    Gaps gaps(int listed) {
        // One series (the common case) has its iterations in order already: no sort of a million keys.
        long[] keys = byName.size() == 1
                ? byName.values().iterator().next().keySet().stream().mapToLong(Long::longValue).toArray()
                : byName.values().stream().flatMap(m -> m.keySet().stream()).mapToLong(Long::longValue)
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

    /** Every series' rows, by name: for the change between iterations ({@link Deltas}). */
    Map<String, TreeMap<Long, Row>> rows() {
        return byName;
    }

    /** The cells it holds, the measure of its budget. */
    long cells() {
        return cells;
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
