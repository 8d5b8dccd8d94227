package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.PlotSeries;

/**
 * The Latest view's lines, newest first, and what their x is: the solver's abscissae, or the positions of the values
 * in their iteration (the index), where the records give no abscissae.
 */
record LatestLines(List<PlotSeries> lines, boolean byIndex) {
    static final LatestLines NONE = new LatestLines(List.of(), false);

    LatestLines {
        lines = List.copyOf(lines);
    }

    /** The x axis says what x is. */
    String xAxisTitle() {
        return byIndex ? "index" : "x";
    }
}
