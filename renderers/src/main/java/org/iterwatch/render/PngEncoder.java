package org.iterwatch.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Indexed-colour PNG with the chart title in an iTXt "Title" chunk, so the image says what it shows.
 *
 * <p>A chart has a few flat colours plus antialiasing shades: one byte per pixel instead of three
 * makes both the deflate input and the file about three times smaller, and encoding several times
 * faster than ImageIO's true-colour writer. When a picture has more than 256 colours, the most
 * frequent ones (and every colour in {@code mustKeep}, e.g. the series colours) stay exact and the
 * rarest shades, a few edge pixels, take the nearest palette colour.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int MAX_COLOURS = 256;

    private PngEncoder() {
    }

    static byte[] encode(BufferedImage image, String title) {
        return encode(image, title, java.util.List.of());
    }

    static byte[] encode(BufferedImage image, String title, Collection<Color> mustKeep) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData()
                : image.getRGB(0, 0, width, height, null, 0, width);
        ColourTable colours = ColourTable.count(pixels);
        int[] palette = colours.palette(MAX_COLOURS, mustKeep);
        Scratch scratch = Scratch.ofThisThread();
        byte[] rows = scratch.rows((width + 1) * height);
        int lastRgb = ~pixels[0];
        byte lastIndex = 0;
        for (int y = 0; y < height; y++) {
            rows[y * (width + 1)] = 0; // filter None first: best for palette images (the buffer is reused)
            int out = y * (width + 1) + 1;
            int in = y * width;
            for (int x = 0; x < width; x++) {
                int rgb = pixels[in + x];
                if (rgb != lastRgb) {
                    lastRgb = rgb;
                    lastIndex = (byte) colours.index(rgb);
                }
                rows[out + x] = lastIndex;
            }
        }
        byte[] header = header(width, height);
        byte[] plte = plte(palette);
        byte[] itxt = itxt(title);
        Compressed idat = deflate(rows, (width + 1) * height, scratch);
        // Every chunk is 12 bytes besides its data: the one array handed out is allocated at its final size.
        ByteBuffer png = ByteBuffer.allocate(SIGNATURE.length + 5 * 12 + header.length + plte.length + itxt.length
                + idat.length());
        png.put(SIGNATURE);
        chunk(png, "IHDR", header, header.length);
        chunk(png, "PLTE", plte, plte.length);
        chunk(png, "iTXt", itxt, itxt.length);
        chunk(png, "IDAT", idat.bytes(), idat.length());
        chunk(png, "IEND", new byte[0], 0);
        return png.array();
    }

    private static byte[] header(int width, int height) {
        byte[] h = new byte[13];
        putInt(h, 0, width);
        putInt(h, 4, height);
        h[8] = 8; // bits per index
        h[9] = 3; // colour type: palette
        return h;
    }

    private static byte[] plte(int[] palette) {
        byte[] p = new byte[palette.length * 3];
        for (int i = 0; i < palette.length; i++) {
            p[3 * i] = (byte) (palette[i] >> 16);
            p[3 * i + 1] = (byte) (palette[i] >> 8);
            p[3 * i + 2] = (byte) palette[i];
        }
        return p;
    }

    /** keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, UTF-8 text. */
    private static byte[] itxt(String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Title".getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(title.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private record Compressed(byte[] bytes, int length) {
    }

    /** Compresses the first {@code length} bytes of {@code data} into the thread's buffer. */
    private static Compressed deflate(byte[] data, int length, Scratch scratch) {
        // Level 1 is several times faster than the default on chart pixels and the file is barely larger.
        Deflater deflater = new Deflater(1);
        try {
            deflater.setInput(data, 0, length);
            deflater.finish();
            byte[] out = scratch.compressed(length / 8 + 1024);
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = scratch.grownCompressed();
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return new Compressed(out, n);
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteBuffer png, String type, byte[] data, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.putInt(length);
        png.put(typeBytes);
        png.put(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        png.putInt((int) crc.getValue());
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
