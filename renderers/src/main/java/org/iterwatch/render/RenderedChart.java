package org.iterwatch.render;

/**
 * A finished PNG and the title it shows (also stored in the PNG's iTXt "Title" chunk).
 *
 * @param plot where the data were drawn, or null for pictures without a plot
 */
public record RenderedChart(byte[] png, String title, int width, int height, PlotArea plot) {
    public RenderedChart(byte[] png, String title, int width, int height) {
        this(png, title, width, height, null);
    }
}
