package org.iterwatch.render;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The big buffers of one picture, kept by each drawing thread for its next one. At full pace (26 charts a
 * second) fresh ones were half of the process' allocation, and each of them, megabytes long, went straight
 * into G1's old generation as a humongous object, which kept its concurrent marking busy.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
    private BufferedImage image;
    private byte[] coverage = new byte[0];
    private byte[] rows = new byte[0];
    private byte[] compressed = new byte[0];

    private Scratch() {
    }

    static Scratch ofThisThread() {
        return OF_THREAD.get();
    }

    /** An RGB picture of this size; its old content stays until painted over (the frame paints every pixel). */
    BufferedImage image(int width, int height) {
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        }
        return image;
    }

    /** At least {@code size} zeros (a line mask expects an empty start even if the last picture failed). */
    byte[] coverage(int size) {
        if (coverage.length < size) {
            coverage = new byte[size];
        } else {
            Arrays.fill(coverage, 0, size, (byte) 0);
        }
        return coverage;
    }

    /** At least {@code size} bytes of any content. */
    byte[] rows(int size) {
        if (rows.length < size) {
            rows = new byte[size];
        }
        return rows;
    }

    /** Twice as long, its content copied over. */
    byte[] grownCompressed() {
        compressed = Arrays.copyOf(compressed, Math.max(1024, 2 * compressed.length));
        return compressed;
    }

    /** At least {@code size} bytes of any content. */
    byte[] compressed(int size) {
        if (compressed.length < size) {
            compressed = new byte[size];
        }
        return compressed;
    }
}
