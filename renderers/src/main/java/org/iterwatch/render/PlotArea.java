package org.iterwatch.render;

/**
 * Where the data sit in a rendered chart: the plot rectangle in pixels and the data range it shows.
 * Lets callers and tests find the pixel of any data point.
 *
 * @param left   first pixel column of the plot
 * @param top    first pixel row of the plot
 * @param right  last pixel column of the plot (inclusive)
 * @param bottom last pixel row of the plot (inclusive)
 */
public record PlotArea(int left, int top, int right, int bottom, double xMin, double xMax, double yMin, double yMax,
                       boolean logY) {

    /** Pixel column (fractional, pixel centres at .0) of abscissa {@code x}. */
    public double pixelX(double x) {
        return left + (x - xMin) / (xMax - xMin) * (right - left);
    }

    /** Pixel row (fractional) of value {@code y}; rows grow downwards. */
    public double pixelY(double y) {
        double v = logY ? Math.log10(y) : y;
        double lo = logY ? Math.log10(yMin) : yMin;
        double hi = logY ? Math.log10(yMax) : yMax;
        return bottom - (v - lo) / (hi - lo) * (bottom - top);
    }

    public boolean contains(int px, int py) {
        return px >= left && px <= right && py >= top && py <= bottom;
    }

    public int plotWidth() {
        return right - left + 1;
    }
}
