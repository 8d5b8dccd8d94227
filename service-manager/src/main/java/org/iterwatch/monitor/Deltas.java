package org.iterwatch.monitor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iterwatch.render.Convergence;

/**
 * The change of each iteration against the one before it over the same indices (max |Δ| and RMS), for
 * solvers that recompute one grid ({@code converge=}). Worked out when asked, at the end of a tick, not
 * during ingest; an iteration's change is computed again only when it or its predecessor changed.
 */
final class Deltas {
    /** Iterations whose change is kept: enough for the Δ view and the rate, bounded for huge topics. */
    static final int KEPT = 10_000;
    /** Recent changes the geometric rate is fitted to. */
    private static final int FIT = 8;
    /** Iterations under the tolerance in a row that make "converged". */
    static final int CONVERGED_AFTER = 3;
    private final TreeMap<Long, Delta> byIteration = new TreeMap<>();

    /**
     * @param changes the versions of the row and its predecessor it was computed from
     */
    record Delta(long iteration, double max, double rms, long changes) {
    }

    /** Brings the changes up to date with the series; returns them in iteration order. */
    List<Delta> update(Series series) {
        TreeMap<Long, Long> versions = new TreeMap<>();
        for (TreeMap<Long, Row> rows : series.rows().values()) {
            Map.Entry<Long, Row> previous = null;
            // only the newest KEPT iterations of each series
            Map<Long, Row> recent = rows.size() > KEPT + 1 ? rows.tailMap(nthFromEnd(rows, KEPT + 1), true) : rows;
            for (Map.Entry<Long, Row> e : recent.entrySet()) {
                if (previous != null) {
                    long iteration = e.getKey();
                    long v = e.getValue().changes() * 31 + previous.getValue().changes() + previous.getKey();
                    versions.merge(iteration, v, (a, b) -> a * 31 + b);
                }
                previous = e;
            }
        }
        for (Map.Entry<Long, Long> e : versions.entrySet()) {
            Delta known = byIteration.get(e.getKey());
            if (known == null || known.changes() != e.getValue()) {
                double[] a = new double[3];
                for (TreeMap<Long, Row> rows : series.rows().values()) {
                    Row row = rows.get(e.getKey());
                    Map.Entry<Long, Row> before = rows.lowerEntry(e.getKey());
                    if (row != null && before != null) {
                        row.delta(before.getValue(), a);
                    }
                }
                if (a[2] > 0) {
                    byIteration.put(e.getKey(), new Delta(e.getKey(), a[0], Math.sqrt(a[1] / a[2]), e.getValue()));
                } else {
                    byIteration.remove(e.getKey());
                }
            }
        }
        byIteration.keySet().retainAll(versions.keySet());
        return new ArrayList<>(byIteration.values());
    }

    private static long nthFromEnd(TreeMap<Long, Row> rows, int n) {
        Iterator<Long> down = rows.descendingKeySet().iterator();
        long key = rows.lastKey();
        for (int i = 0; i < n && down.hasNext(); i++) {
            key = down.next();
        }
        return key;
    }

    /** The newest change, the rate fitted to the recent ones, and the iterations left to the tolerance. */
    static Convergence convergence(List<Delta> deltas, double tolerance) {
        if (deltas.isEmpty()) {
            return null;
        }
        Delta last = deltas.get(deltas.size() - 1);
        Double rate = rate(deltas);
        Long left = null;
        if (last.max() >= tolerance && rate != null && rate < 1 && last.max() > 0) {
            left = (long) Math.ceil(Math.log(tolerance / last.max()) / Math.log(rate));
        }
        return new Convergence(last.iteration(), last.max(), last.rms(), rate, left, tolerance);
    }

    /**
     * The ratio of |Δ| per iteration, from a least-squares line through log |Δ| of the recent iterations:
     * for a geometric decay |Δ_k| = C·r^k it is r exactly, and noise in one iteration barely moves it.
     */
    static Double rate(List<Delta> deltas) {
        int from = Math.max(0, deltas.size() - FIT);
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Delta d : deltas.subList(from, deltas.size())) {
            if (d.max() > 0) {
                double x = d.iteration();
                double y = Math.log(d.max());
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
        }
        double denominator = n * sxx - sx * sx;
        if (n < 3 || denominator == 0) {
            return null;
        }
        return Math.exp((n * sxy - sx * sy) / denominator);
    }

    /** Whether the last {@value #CONVERGED_AFTER} changes are all under the tolerance. */
    static boolean converged(List<Delta> deltas, double tolerance) {
        if (deltas.size() < CONVERGED_AFTER) {
            return false;
        }
        for (Delta d : deltas.subList(deltas.size() - CONVERGED_AFTER, deltas.size())) {
            if (!(d.max() < tolerance)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The iteration of the smallest |Δ| so far when it came {@code patience} or more iterations ago and the
     * change is still above the tolerance: the solver stopped getting better. -1 otherwise.
     */
    static long stagnatingSince(List<Delta> deltas, double tolerance, int patience) {
        if (deltas.size() <= patience) {
            return -1;
        }
        Delta best = null;
        for (Delta d : deltas) {
            if (best == null || d.max() < best.max()) {
                best = d;
            }
        }
        Delta last = deltas.get(deltas.size() - 1);
        return last.max() >= tolerance && last.iteration() - best.iteration() >= patience ? best.iteration() : -1;
    }
}
