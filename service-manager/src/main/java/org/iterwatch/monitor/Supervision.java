package org.iterwatch.monitor;

/**
 * A monitor's standing across ticks: failures in a row and the backoff they earned, when data last came, and
 * what its chart shows. Kept by the ticks, one at a time (see {@link LiveMonitor}); /start replaces it with a
 * fresh one, so a revived monitor gets all its chances again and is drawn anew.
 */
final class Supervision {
    int failures;
    /** System.nanoTime before which no tick reads: the backoff after a failure. */
    long nextAttempt;
    /** System.nanoTime of the last tick that read new records (or of the first tick). */
    long lastData;
    /** The state and series version the chart was last handed over with. */
    MonitorState shown;
    long shownVersion = -1;
    /** System.nanoTime when what the chart shows was last stored (for /status while a restart rebuilds it). */
    long lastKnownStored;
    /** The title the chart was last drawn with: a new one is drawn at once. */
    String shownTitle;
    /** Read by /status and listings, which do not wait for ticks. */
    volatile boolean reconnecting;
    /** Series alerts known to be raised already: spares the database a look-up per open episode and tick. */
    final java.util.Set<String> alerted = new java.util.HashSet<>();
    /**
     * The previous run's shape as stored, read once rather than on every redraw; null until read, and again after
     * a tick stored a newer one.
     */
    java.util.Optional<org.iterwatch.render.PreviousRun> previousRun;
    /** The convergence last worked out by a tick ({@code converge=}), for /status; null when not watched. */
    volatile org.iterwatch.render.Convergence convergence;
}
