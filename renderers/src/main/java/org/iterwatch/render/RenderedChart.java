package org.iterwatch.render;

/** A finished PNG and the title drawn on it (also stored in the PNG's tEXt "Title" chunk). */
public record RenderedChart(byte[] png, String title, int width, int height) {
}
