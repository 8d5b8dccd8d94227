package org.iterwatch.e2e;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Reads what a chart PNG shows: its pixels and the title it carries. */
public final class Pictures {
    public static final Color POINT_RED = new Color(220, 20, 20);
    public static final Color LINE_BLUE = new Color(20, 60, 220);
    /** The marks of NaN and infinite values at the plot's top edge. */
    public static final Color NON_FINITE = new Color(150, 0, 160);
    /** The previous run, drawn faded behind the current one. */
    public static final Color PREVIOUS_RUN = new Color(176, 180, 190);

    private Pictures() {
    }

    public static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not a decodable image (" + png.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long count(BufferedImage image, Color color) {
        long n = 0;
        int rgb = color.getRGB() & 0xFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The PNG's "Title" text chunk (tEXt or iTXt), or null. */
    public static String title(byte[] png) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                    NamedNodeMap a = entry.getAttributes();
                    if (a != null && a.getNamedItem("keyword") != null && "Title".equals(a.getNamedItem("keyword").getNodeValue())) {
                        Node text = a.getNamedItem("text") != null ? a.getNamedItem("text") : a.getNamedItem("value");
                        return text.getNodeValue();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
