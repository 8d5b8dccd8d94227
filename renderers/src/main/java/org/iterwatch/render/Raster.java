package org.iterwatch.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Direct pixel access to an RGB image, for what Java2D does slowly: thousands of identical markers and
 * the per-column envelope of dense series. Writes stay inside a clip rectangle (the plot).
 */
final class Raster {
    final int[] pixels;
    final int width;
    final int height;
    private final int clipLeft;
    private final int clipTop;
    private final int clipRight;
    private final int clipBottom;

    Raster(BufferedImage image, PlotArea clip) {
        this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.width = image.getWidth();
        this.height = image.getHeight();
        this.clipLeft = clip.left();
        this.clipTop = clip.top();
        this.clipRight = clip.right();
        this.clipBottom = clip.bottom();
    }

    /** Stamps {@code sprite} centred on pixel (cx, cy): full coverage sets the colour, edges blend. */
    void stamp(Sprite sprite, int cx, int cy, int rgb) {
        int r = sprite.radius();
        int size = 2 * r + 1;
        int[] alpha = sprite.alpha();
        for (int sy = 0; sy < size; sy++) {
            int y = cy - r + sy;
            if (y < clipTop || y > clipBottom) {
                continue;
            }
            int row = y * width;
            for (int sx = 0; sx < size; sx++) {
                int a = alpha[sy * size + sx];
                int x = cx - r + sx;
                if (a == 0 || x < clipLeft || x > clipRight) {
                    continue;
                }
                pixels[row + x] = a == 255 ? rgb : blend(pixels[row + x], rgb, a);
            }
        }
    }

    /** Fills rows [top, bottom] of column x with one colour, clipped. */
    void column(int x, int top, int bottom, int rgb) {
        if (x < clipLeft || x > clipRight) {
            return;
        }
        int from = Math.max(top, clipTop);
        int to = Math.min(bottom, clipBottom);
        for (int y = from; y <= to; y++) {
            pixels[y * width + x] = rgb;
        }
    }

    /**
     * Fills the spans row by row: the same pixels as a {@link #column} per span, but written in memory order.
     * Column by column, a plot's worth of spans touched a new cache line with every pixel.
     */
    void fill(Spans spans, int rgb) {
        int from = Math.max(spans.top, clipTop);
        int to = Math.min(spans.bottom, clipBottom);
        for (int y = from; y <= to; y++) {
            int row = y * width;
            for (int k = 0; k < spans.n; k++) {
                int x = spans.xs[k];
                if (spans.tops[k] <= y && y <= spans.bottoms[k] && x >= clipLeft && x <= clipRight) {
                    pixels[row + x] = rgb;
                }
            }
        }
    }

    /** Vertical runs of pixels [top, bottom] in columns x, gathered to be filled at once. */
    static final class Spans {
        private int[] xs;
        private int[] tops;
        private int[] bottoms;
        private int n;
        private int top = Integer.MAX_VALUE;
        private int bottom = Integer.MIN_VALUE;

        Spans(int capacity) {
            xs = new int[Math.max(1, capacity)];
            tops = new int[xs.length];
            bottoms = new int[xs.length];
        }

        void add(int x, int from, int to) {
            if (n == xs.length) {
                xs = java.util.Arrays.copyOf(xs, 2 * n);
                tops = java.util.Arrays.copyOf(tops, 2 * n);
                bottoms = java.util.Arrays.copyOf(bottoms, 2 * n);
            }
            xs[n] = x;
            tops[n] = from;
            bottoms[n] = to;
            n++;
            top = Math.min(top, from);
            bottom = Math.max(bottom, to);
        }
    }

    static int blend(int under, int over, int alpha) {
        int inv = 255 - alpha;
        int r = (((over >> 16) & 0xFF) * alpha + ((under >> 16) & 0xFF) * inv + 127) / 255;
        int g = (((over >> 8) & 0xFF) * alpha + ((under >> 8) & 0xFF) * inv + 127) / 255;
        int b = ((over & 0xFF) * alpha + (under & 0xFF) * inv + 127) / 255;
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /** A filled, antialiased disc: coverage 0–255 per pixel, computed once per size. */
    record Sprite(int radius, float exactRadius, int[] alpha) {
        static Sprite disc(float exactRadius) {
            int r = (int) Math.ceil(exactRadius);
            int size = 2 * r + 1;
            int[] alpha = new int[size * size];
            int samples = 4;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int inside = 0;
                    for (int sy = 0; sy < samples; sy++) {
                        for (int sx = 0; sx < samples; sx++) {
                            double dx = x - r - 0.5 + (sx + 0.5) / samples;
                            double dy = y - r - 0.5 + (sy + 0.5) / samples;
                            if (dx * dx + dy * dy <= exactRadius * exactRadius) {
                                inside++;
                            }
                        }
                    }
                    alpha[y * size + x] = inside * 255 / (samples * samples); // 16 samples: the same 17 steps as lines
                }
            }
            return new Sprite(r, exactRadius, alpha);
        }
    }
}
