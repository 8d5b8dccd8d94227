package org.iterwatch.render;

import java.awt.Color;

/** Colours for the second and later series; the first keeps the red points and blue line. */
final class Palette {
    private static final Color[] MARKERS = {
        new Color(230, 120, 0), new Color(0, 150, 70), new Color(140, 60, 170), new Color(120, 120, 120)};
    private static final Color[] LINES = {
        new Color(255, 170, 60), new Color(80, 200, 120), new Color(190, 120, 220), new Color(170, 170, 170)};

    private Palette() {
    }

    static Color marker(int index) {
        return MARKERS[(index - 1) % MARKERS.length];
    }

    static Color line(int index) {
        return LINES[(index - 1) % LINES.length];
    }
}
