package org.iterwatch.render;

/**
 * A finished PNG and the title it shows (also stored in the PNG's iTXt "Title" chunk).
 *
 * @param plot      where the data were drawn, or null for pictures without a plot
 * @param outliers  values beyond the robust value range, marked at the plot's edge (for the caption)
 * @param nonFinite NaN and infinite values, marked at the plot's top edge (for the caption)
 */
public record RenderedChart(byte[] png, String title, int width, int height, PlotArea plot, long outliers,
                            long nonFinite) {
    public RenderedChart(byte[] png, String title, int width, int height, PlotArea plot) {
        this(png, title, width, height, plot, 0, 0);
    }

    public RenderedChart(byte[] png, String title, int width, int height) {
        this(png, title, width, height, null, 0, 0);
    }
}
