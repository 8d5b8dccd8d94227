package org.iterwatch.render;

import java.awt.Color;
import java.util.Arrays;
import java.util.Collection;

/** The distinct colours of a picture with their pixel counts, and their mapping to a palette. */
final class ColourTable {
    private int[] keys;
    private int[] counts;
    private int[] indices;
    private int size;

    private ColourTable(int capacity) {
        keys = new int[capacity];
        counts = new int[capacity];
        Arrays.fill(keys, -1); // marks an empty slot: stored colours are masked to 24 bits, never -1
    }

    static ColourTable count(int[] pixels) {
        ColourTable table = new ColourTable(1024);
        int i = 0;
        while (i < pixels.length) {
            int rgb = pixels[i] & 0xFFFFFF;
            int run = 1;
            while (i + run < pixels.length && (pixels[i + run] & 0xFFFFFF) == rgb) {
                run++;
            }
            table.add(rgb, run);
            i += run;
        }
        return table;
    }

    private void add(int rgb, int n) {
        int slot = find(rgb);
        if (keys[slot] == -1) {
            keys[slot] = rgb;
            size++;
            if (size * 2 > keys.length) {
                grow();
                slot = find(rgb);
            }
        }
        counts[slot] += n;
    }

    private int find(int rgb) {
        int mask = keys.length - 1;
        int slot = (rgb * 0x9E3779B1 >>> 7) & mask;
        while (keys[slot] != -1 && keys[slot] != rgb) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new int[keys.length];
        Arrays.fill(keys, -1);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    /**
     * Chooses at most {@code max} colours: all of them when they fit, else those in {@code mustKeep}
     * and then the most frequent; every colour is mapped to its palette entry (nearest when left out).
     */
    int[] palette(int max, Collection<Color> mustKeep) {
        int[] distinct = new int[size];
        long[] byCount = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != -1) {
                distinct[n] = keys[i];
                byCount[n] = (long) counts[i] << 32 | n;
                n++;
            }
        }
        int[] palette;
        if (size <= max) {
            palette = distinct;
        } else {
            palette = new int[max];
            int used = 0;
            for (Color c : mustKeep) {
                int rgb = c.getRGB() & 0xFFFFFF;
                if (used < max && keys[find(rgb)] == rgb && !contains(palette, used, rgb)) {
                    palette[used++] = rgb;
                }
            }
            Arrays.sort(byCount);
            for (int k = byCount.length - 1; k >= 0 && used < max; k--) {
                int rgb = distinct[(int) byCount[k]];
                if (!contains(palette, used, rgb)) {
                    palette[used++] = rgb;
                }
            }
        }
        indices = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != -1) {
                indices[i] = nearest(palette, keys[i]);
            }
        }
        return palette;
    }

    int index(int rgb) {
        return indices[find(rgb & 0xFFFFFF)];
    }

    private static boolean contains(int[] palette, int used, int rgb) {
        for (int i = 0; i < used; i++) {
            if (palette[i] == rgb) {
                return true;
            }
        }
        return false;
    }

    private static int nearest(int[] palette, int rgb) {
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < palette.length; i++) {
            int dr = ((palette[i] >> 16) & 0xFF) - ((rgb >> 16) & 0xFF);
            int dg = ((palette[i] >> 8) & 0xFF) - ((rgb >> 8) & 0xFF);
            int db = (palette[i] & 0xFF) - (rgb & 0xFF);
            int d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
                if (d == 0) {
                    break;
                }
            }
        }
        return best;
    }
}
