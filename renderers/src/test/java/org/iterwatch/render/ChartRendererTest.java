package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

import org.junit.jupiter.api.Test;

class ChartRendererTest {
    final ChartRenderer renderer = new ChartRenderer();

    @Test
    void drawsRedPointsAndABlueLineWithTheTitleInThePng() throws IOException {
        double[] y = IntStream.range(0, 300).mapToDouble(i -> Math.sin(i / 20.0)).toArray();

        RenderedChart chart = renderer.render(ChartRequest.progress("t", List.of(PlotSeries.ordinal(y))));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(chart.png().length).isLessThan(1_000_000);
        assertThat(count(image, ChartRenderer.POINT_RED)).isGreaterThan(300);
        assertThat(count(image, ChartRenderer.LINE_BLUE)).isGreaterThan(100);
        assertThat(pngTitle(chart.png())).isEqualTo("t \u2014 300 points");
    }

    @Test
    void anEmptySeriesStillDrawsAChart() throws IOException {
        RenderedChart chart = renderer.render(ChartRequest.progress("empty", List.of(PlotSeries.ordinal(new double[0]))));

        assertThat(pngTitle(chart.png())).isEqualTo("empty \u2014 0 points");
        assertThat(count(ImageIO.read(new ByteArrayInputStream(chart.png())), ChartRenderer.POINT_RED)).isZero();
    }

    @Test
    void captionEscapesHostileTopicNames() {
        String html = new ProgressCaption("<b>&x" + "y".repeat(5000), "RUNNING", 3, 1, 3, null, 2).html();

        assertThat(html).startsWith("<b>&lt;b&gt;&amp;x").contains("Skipped records: 2").hasSizeLessThan(1024);
    }

    static long count(BufferedImage image, java.awt.Color color) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Reads the tEXt/iTXt "Title" chunk back, as any PNG reader would. */
    static String pngTitle(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                    var attrs = e.getAttributes();
                    if (attrs != null && attrs.getNamedItem("keyword") != null
                            && "Title".equals(attrs.getNamedItem("keyword").getNodeValue())) {
                        var text = attrs.getNamedItem("text") != null ? attrs.getNamedItem("text") : attrs.getNamedItem("value");
                        return text.getNodeValue();
                    }
                }
            }
            return null;
        }
    }
}
