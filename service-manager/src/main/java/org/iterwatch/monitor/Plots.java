package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.PlotSeries;

/** The series as each view draws it, copied only when a picture is drawn. */
interface Plots {
    /** Every iteration (the All view). */
    List<PlotSeries> all();

    /** The newest iterations, newest first (the Latest view). */
    LatestLines latest(int count);

    /** The change per iteration (the Δ view), or null when the monitor does not watch convergence. */
    List<Deltas.Delta> deltas();
}
