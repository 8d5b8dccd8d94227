package org.iterwatch.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Reading rendered charts back as a person would see them. */
final class Pixels {
    private Pixels() {
    }

    static BufferedImage decode(RenderedChart chart) {
        try {
            return ImageIO.read(new ByteArrayInputStream(chart.png()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean is(BufferedImage image, int x, int y, Color color) {
        return (image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF);
    }

    /** Whether any pixel within {@code radius} of (x, y) has exactly {@code color}. */
    static boolean near(BufferedImage image, int x, int y, int radius, Color color) {
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                if (is(image, x + dx, y + dy, color)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Clearly coloured (red, blue, orange…), as opposed to white, grey or black. */
    static boolean inked(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60;
    }

    static int px(double v) {
        return (int) Math.round(v);
    }
}
