package org.iterwatch.render;

import java.util.List;

/** Renders a million points; run by {@link SmallHeapTest} in a JVM with a 64 MB heap. */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i * 1e-4) + (i % 1000 == 0 ? 2 : 0);
        }
        ChartRenderer renderer = new ChartRenderer();
        RenderedChart chart = null;
        for (int k = 0; k < 3; k++) {
            chart = renderer.render(ChartRequest.progress("heap", List.of(PlotSeries.ordinal(y))));
        }
        System.out.println(chart.title() + " " + chart.png().length + " bytes, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }
}
