package org.iterwatch.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of one iteration of one series, by index. Indices filled close together share one dense run
 * of cells (a primitive array; absent indices hold {@link #ABSENT}), so the usual batch costs 8 bytes a value. An index
 * far from every run starts a run of its own: a solver that numbers its points by a global grid position
 * (one value at index 4 999 999) costs what it sends, not the five million positions before it. Runs that
 * grow into each other merge. Runs stay at least about half full; past that a point is kept apart, so a row
 * is never much larger than dense storage of its points nor than its points plus a few cells per run.
 *
 * <p>Growth is planned before anything is allocated ({@link #plan}), so the series can refuse a record that
 * would exceed the monitor's budget; {@link Plan#cost()} counts every cell a put would add, spare ones too.
 */
final class Row {
    /** What a run costs beside its cells, in cells of 8 bytes: its object, array headers, its map entry. */
    static final int RUN_CELLS = 6;
    /** Empty cells a run may hold beyond "half full", so that points a little apart share a run. */
    private static final int SLACK = 64;
    /** The most spare cells a growing run reserves: doubling up to this keeps one-by-one appends cheap. */
    private static final int MAX_RESERVE = 1 << 16;

    /**
     * What an empty cell holds: a NaN with a payload of its own, so that a solver's NaN (always the plain
     * {@link Double#NaN}, see {@link RecordParser}) is a value like any other and an empty cell is not.
     */
    static final long ABSENT_BITS = 0x7ff8_0000_0ab5_e000L;
    static final double ABSENT = Double.longBitsToDouble(ABSENT_BITS);

    private Run single;
    private TreeMap<Integer, Run> runs;
    private int count;
    private long changes;

    /** Cells from index {@code start} on; {@code x} is null until a record gives abscissae. */
    private static final class Run {
        final int start;
        final double[] y;
        double[] x;
        int filled;

        Run(int start, int length, boolean withX) {
            this.start = start;
            this.y = empty(length);
            this.x = withX ? empty(length) : null;
        }

        int end() {
            return start + y.length;
        }

        boolean holds(int first, int end) {
            return start <= first && end <= end();
        }

        long cells() {
            return y.length + (x == null ? 0 : x.length) + RUN_CELLS;
        }
    }

    /**
     * What a put would do: write into {@code target} as it is, or replace {@code merged} by a new run of
     * {@code length} cells from {@code start}.
     *
     * @param cost cells added (negative when merging frees some)
     */
    record Plan(Run target, List<Run> merged, int start, int length, boolean withX, long cost) {
    }

    /** How values at indices [first, first + length) would be stored, and what that costs. */
    Plan plan(int first, int length, boolean withX) {
        int end = first + length;
        Run home = floor(first);
        if (home != null && home.holds(first, end)) {
            return new Plan(home, List.of(), home.start, home.y.length, withX, withX && home.x == null ? home.y.length : 0);
        }
        List<Run> merged = touching(first, end);
        int lo = merged.isEmpty() ? first : Math.min(first, merged.get(0).start);
        int hi = merged.isEmpty() ? end : Math.max(end, merged.get(merged.size() - 1).end());
        long filled = length;
        for (Run r : merged) {
            filled += r.filled;
        }
        Run left = before(lo);
        if (left != null && hi - left.start <= 2 * (filled + left.filled) + SLACK) {
            merged.add(0, left);
            lo = left.start;
            filled += left.filled;
        }
        Run right = after(hi);
        if (right != null && right.end() - lo <= 2 * (filled + right.filled) + SLACK) {
            merged.add(right);
            hi = right.end();
        }
        boolean x = withX;
        long freed = 0;
        for (Run r : merged) {
            x |= r.x != null;
            freed += r.cells();
        }
        int start = lo;
        int size = hi - lo;
        if (!merged.isEmpty()) {
            // A run that grows will likely grow again the same way: reserve room there, up to the next run.
            int reserve = Math.min(size, MAX_RESERVE);
            if (hi > merged.get(merged.size() - 1).end()) {
                Run next = after(hi);
                size += next == null ? reserve : Math.min(reserve, next.start - hi);
            } else if (lo < merged.get(0).start) {
                Run previous = before(lo);
                int room = Math.min(reserve, previous == null ? lo : lo - previous.end());
                start -= room;
                size += room;
            }
        }
        long cost = (long) size * (x ? 2 : 1) + RUN_CELLS - freed;
        return new Plan(null, merged, start, size, x, cost);
    }

    /** Writes values (and abscissae, or null) at indices from {@code first} on, as {@code plan} says. */
    int put(Plan plan, int first, double[] values, double[] xs) {
        Run run = plan.target() != null ? plan.target() : merge(plan);
        if (plan.withX() && run.x == null) {
            run.x = empty(run.y.length);
        }
        int added = 0;
        int at = first - run.start;
        for (int i = 0; i < values.length; i++) {
            double before = run.y[at + i];
            if (absent(before)) {
                added++;
                changes++;
                run.y[at + i] = values[i];
            } else if (Double.compare(before, values[i]) != 0) {
                run.y[at + i] = values[i];
                changes++;
            }
            if (xs != null && Double.compare(run.x[at + i], xs[i]) != 0) {
                run.x[at + i] = xs[i];
                changes++;
            }
        }
        run.filled += added;
        count += added;
        return added;
    }

    private Run merge(Plan plan) {
        Run fresh = new Run(plan.start(), plan.length(), plan.withX());
        for (Run old : plan.merged()) {
            int at = old.start - fresh.start;
            System.arraycopy(old.y, 0, fresh.y, at, old.y.length);
            if (old.x != null) {
                System.arraycopy(old.x, 0, fresh.x, at, old.x.length);
            }
            fresh.filled += old.filled;
        }
        if (runs == null && (single == null || plan.merged().contains(single))) {
            single = fresh;
            return fresh;
        }
        if (runs == null) {
            runs = new TreeMap<>();
            runs.put(single.start, single);
            single = null;
        }
        for (Run old : plan.merged()) {
            runs.remove(old.start);
        }
        runs.put(fresh.start, fresh);
        if (runs.size() == 1) {
            single = fresh;
            runs = null;
        }
        return fresh;
    }

    /** The run that starts at or before {@code index}, nearest to it. */
    private Run floor(int index) {
        if (runs == null) {
            return single != null && single.start <= index ? single : null;
        }
        Map.Entry<Integer, Run> e = runs.floorEntry(index);
        return e == null ? null : e.getValue();
    }

    /** Runs that share an index with [first, end), in order. */
    private List<Run> touching(int first, int end) {
        List<Run> out = new ArrayList<>(2);
        if (runs == null) {
            if (single != null && single.start < end && single.end() > first) {
                out.add(single);
            }
            return out;
        }
        Run home = floor(first);
        int from = home != null && home.end() > first ? home.start : first;
        out.addAll(runs.subMap(from, true, end, false).values());
        return out;
    }

    /** The nearest run that ends at or before {@code index} (none overlaps it: see {@link #plan}). */
    private Run before(int index) {
        if (runs == null) {
            return single != null && single.end() <= index ? single : null;
        }
        Map.Entry<Integer, Run> e = runs.lowerEntry(index);
        return e == null ? null : e.getValue();
    }

    /** The nearest run that starts at or after {@code index}. */
    private Run after(int index) {
        if (runs == null) {
            return single != null && single.start >= index ? single : null;
        }
        Map.Entry<Integer, Run> e = runs.ceilingEntry(index);
        return e == null ? null : e.getValue();
    }

    /** Receives the points of a row in index order; x is NaN where the point has no abscissa. */
    interface PointSink {
        void point(int index, double x, double y);
    }

    void forEach(PointSink sink) {
        for (Run run : runs == null ? (single == null ? List.<Run>of() : List.of(single)) : runs.values()) {
            for (int i = 0; i < run.y.length; i++) {
                if (!absent(run.y[i])) {
                    sink.point(run.start + i, run.x == null || absent(run.x[i]) ? Double.NaN : run.x[i], run.y[i]);
                }
            }
        }
    }

    int count() {
        return count;
    }

    /**
     * Adds to {@code acc} the change from {@code before} to this row over the indices both hold with finite
     * values: acc[0] the largest |Δ|, acc[1] the sum of Δ², acc[2] how many.
     */
    void delta(Row before, double[] acc) {
        forEach((index, x, y) -> {
            double b = before.at(index);
            if (!absent(b)) {
                double d = Math.abs(y - b);
                if (d == d && d != Double.POSITIVE_INFINITY) {
                    acc[0] = Math.max(acc[0], d);
                    acc[1] += d * d;
                    acc[2]++;
                }
            }
        });
    }

    /** The value at {@code index}, or {@link #ABSENT}. */
    double at(int index) {
        Run run = floor(index);
        return run != null && index < run.end() ? run.y[index - run.start] : ABSENT;
    }

    /** Grows whenever a value or an abscissa is added or changed. */
    long changes() {
        return changes;
    }

    private static double[] empty(int length) {
        double[] a = new double[length];
        Arrays.fill(a, ABSENT);
        return a;
    }

    static boolean absent(double cell) {
        return Double.doubleToRawLongBits(cell) == ABSENT_BITS;
    }
}
