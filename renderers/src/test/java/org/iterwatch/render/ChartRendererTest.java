package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.render.Pixels.decode;
import static org.iterwatch.render.Pixels.is;
import static org.iterwatch.render.Pixels.near;
import static org.iterwatch.render.Pixels.px;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Node;

class ChartRendererTest {
    final ChartRenderer renderer = new ChartRenderer();
    static final double[] ZIGZAG = {3, 7, 2, 9, 4, 8, 1, 6, 5, 10, 2, 7};

    @Test
    void drawsRedPointsAndABlueLineWithTheTitleInThePng() throws IOException {
        double[] y = IntStream.range(0, 300).mapToDouble(i -> Math.sin(i / 20.0)).toArray();

        RenderedChart chart = renderer.render(ChartRequest.progress("t", List.of(PlotSeries.ordinal(y))));

        BufferedImage image = decode(chart);
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(chart.png().length).isLessThan(200_000);
        assertThat(count(image, ChartRenderer.POINT_RED)).isGreaterThan(300);
        assertThat(count(image, ChartRenderer.LINE_BLUE)).isGreaterThan(100);
        assertThat(pngTitle(chart.png())).isEqualTo("t \u2014 300 points");
    }

    @Test
    void aRedMarkerSitsOnEveryValueAndABlueLineJoinsNeighbours() {
        RenderedChart chart = renderer.render(ChartRequest.progress("zigzag", List.of(PlotSeries.ordinal(ZIGZAG))));
        BufferedImage image = decode(chart);
        PlotArea plot = chart.plot();

        for (int i = 0; i < ZIGZAG.length; i++) {
            int x = px(plot.pixelX(i + 1));
            int y = px(plot.pixelY(ZIGZAG[i]));
            assertThat(is(image, x, y, ChartRenderer.POINT_RED)).as("marker of point %d at %d,%d", i + 1, x, y).isTrue();
            if (i > 0) {
                double mx = (plot.pixelX(i) + plot.pixelX(i + 1)) / 2;
                double my = (plot.pixelY(ZIGZAG[i - 1]) + plot.pixelY(ZIGZAG[i])) / 2;
                assertThat(near(image, px(mx), px(my), 1, ChartRenderer.LINE_BLUE)).as("line into point %d", i + 1).isTrue();
                assertThat(near(image, px(mx), px(my), 1, ChartRenderer.POINT_RED)).as("no marker midway").isFalse();
            }
        }
    }

    @Test
    void theLineDoesNotBridgeMissingIterations() {
        PlotSeries withBreak = PlotSeries.ordinal(ZIGZAG).withBreaks(6);
        double[] withNaN = ZIGZAG.clone();
        withNaN[6] = Double.NaN;

        for (PlotSeries s : List.of(withBreak, PlotSeries.ordinal(withNaN))) {
            RenderedChart chart = renderer.render(ChartRequest.progress("gap", List.of(s)));
            BufferedImage image = decode(chart);
            PlotArea plot = chart.plot();
            int before = 5;
            int after = s == withBreak ? 6 : 7;
            double mx = (plot.pixelX(before + 1) + plot.pixelX(after + 1)) / 2;
            double my = (plot.pixelY(ZIGZAG[before]) + plot.pixelY(ZIGZAG[after])) / 2;
            assertThat(blueAlong(image, plot, before, after)).as("blue between %d and %d", before + 1, after + 1).isZero();
            assertThat(near(image, px(mx), px(my), 3, ChartRenderer.LINE_BLUE)).isFalse();
            // the neighbouring segments are still drawn
            assertThat(blueAlong(image, plot, after, after + 1)).isGreaterThan(0);
            assertThat(blueAlong(image, plot, before - 1, before)).isGreaterThan(0);
        }
        assertThat(ChartRequest.progress("gap", List.of(PlotSeries.ordinal(withNaN))).title()).isEqualTo("gap \u2014 11 points");
    }

    /** Blue pixels on the straight line between two ordinal points, away from their markers. */
    private static int blueAlong(BufferedImage image, PlotArea plot, int from, int to) {
        int n = 0;
        for (double t = 0.3; t <= 0.7; t += 0.05) {
            double x = plot.pixelX(from + 1) + t * (plot.pixelX(to + 1) - plot.pixelX(from + 1));
            double y = plot.pixelY(ZIGZAG[from]) + t * (plot.pixelY(ZIGZAG[to]) - plot.pixelY(ZIGZAG[from]));
            n += near(image, px(x), px(y), 1, ChartRenderer.LINE_BLUE) ? 1 : 0;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1_000, 1_000_000})
    void theTitleStatesTheExactPointCount(int n) throws IOException {
        double[] y = IntStream.range(0, n).mapToDouble(i -> Math.cos(i * 0.001) * i).toArray();

        RenderedChart chart = renderer.render(ChartRequest.progress("airy.x0.6", List.of(PlotSeries.ordinal(y))));

        String expected = "airy.x0.6 \u2014 " + String.format(Locale.ROOT, "%,d", n) + (n == 1 ? " point" : " points");
        assertThat(chart.title()).isEqualTo(expected);
        assertThat(pngTitle(chart.png())).isEqualTo(expected);
        assertThat(chart.png().length).isLessThan(200_000);
        assertThat(count(decode(chart), ChartRenderer.POINT_RED)).isGreaterThan(20);
    }

    @Test
    void realCoordinatesPlaceThePointsWhereTheSolverSaid() {
        double[] y = {1, 4, 9, 16, 25};
        RenderedChart chart = renderer.render(ChartRequest.progress("xs",
                List.of(PlotSeries.regular("", -2.0, 0.5, y))));
        BufferedImage image = decode(chart);
        PlotArea plot = chart.plot();

        assertThat(plot.xMin()).isLessThan(-2.0).isGreaterThan(-2.5);
        assertThat(plot.xMax()).isGreaterThan(0.0).isLessThan(0.5);
        for (int i = 0; i < y.length; i++) {
            assertThat(is(image, px(plot.pixelX(-2.0 + 0.5 * i)), px(plot.pixelY(y[i])), ChartRenderer.POINT_RED)).isTrue();
        }
        // uneven x: the marker moves with its coordinate, not its ordinal
        RenderedChart uneven = renderer.render(ChartRequest.progress("xs",
                List.of(new PlotSeries("", new double[] {0, 1, 10}, new double[] {1, 2, 3}))));
        assertThat(is(decode(uneven), px(uneven.plot().pixelX(1)), px(uneven.plot().pixelY(2)), ChartRenderer.POINT_RED)).isTrue();
        assertThat(uneven.plot().pixelX(1) - uneven.plot().pixelX(0)).isLessThan((uneven.plot().pixelX(10) - uneven.plot().pixelX(1)) / 5);
    }

    @Test
    void severalSeriesShareOneChartTheFirstKeepsRedAndBlue() {
        double[] a = {1, 2, 3, 4};
        double[] b = {4, 3, 2, 1.5};
        RenderedChart chart = renderer.render(ChartRequest.progress("two",
                List.of(PlotSeries.named("residual", a), PlotSeries.named("energy", b))));
        BufferedImage image = decode(chart);
        PlotArea plot = chart.plot();

        assertThat(chart.title()).isEqualTo("two \u2014 8 points");
        for (int i = 0; i < a.length; i++) {
            assertThat(is(image, px(plot.pixelX(i + 1)), px(plot.pixelY(a[i])), ChartRenderer.POINT_RED)).isTrue();
            if (i != 2) { // at x=3 the two series nearly meet
                assertThat(is(image, px(plot.pixelX(i + 1)), px(plot.pixelY(b[i])), Palette.marker(1))).isTrue();
            }
        }
        // XChart's legend, below the plot, shows both series' colours
        assertThat(countRows(image, plot.bottom() + 1, image.getHeight(), ChartRenderer.POINT_RED)).isGreaterThan(10);
        assertThat(countRows(image, plot.bottom() + 1, image.getHeight(), Palette.marker(1))).isGreaterThan(10);
    }

    @Test
    void aLogAxisSpacesDecadesEvenly() {
        double[] y = {1, 10, 100, 1000, 10_000};
        RenderedChart chart = renderer.render(ChartRequest.progress("log", List.of(PlotSeries.ordinal(y)),
                ChartOptions.DEFAULT.withLogY(true)));
        BufferedImage image = decode(chart);
        PlotArea plot = chart.plot();

        double step = plot.pixelY(1) - plot.pixelY(10);
        assertThat(step).isGreaterThan(50);
        for (int i = 0; i < y.length; i++) {
            int row = px(plot.pixelY(y[i]));
            assertThat(Math.abs(row - (plot.pixelY(1) - i * step))).isLessThan(1.0);
            assertThat(is(image, px(plot.pixelX(i + 1)), row, ChartRenderer.POINT_RED)).isTrue();
        }
    }

    @Test
    void picturesStayWithinTelegramsPhotoRulesAndAreIndexed() {
        double[] y = new java.util.Random(7).doubles(1_000).toArray();
        for (int[] size : new int[][] {{1280, 720}, {ChartRequest.TABLET_WIDTH, ChartRequest.TABLET_HEIGHT}, {720, 1280}}) {
            RenderedChart chart = renderer.render(ChartRequest.progress("r", List.of(PlotSeries.ordinal(y))).withSize(size[0], size[1]));
            BufferedImage image = decode(chart);
            assertThat(image.getWidth()).isEqualTo(size[0]);
            assertThat(image.getHeight()).isEqualTo(size[1]);
            assertThat(image.getColorModel()).isInstanceOf(IndexColorModel.class);
            // 1 000 random values, the line over them zigzagging through every one: the costliest picture to compress
            assertThat(chart.png().length).isLessThan(250_000);
            assertThat(count(image, ChartRenderer.POINT_RED)).isGreaterThan(1000);
        }
    }

    @Test
    void anEmptySeriesStillDrawsAChart() throws IOException {
        RenderedChart chart = renderer.render(ChartRequest.progress("empty", List.of(PlotSeries.ordinal(new double[0]))));

        assertThat(pngTitle(chart.png())).isEqualTo("empty \u2014 0 points");
        assertThat(count(decode(chart), ChartRenderer.POINT_RED)).isZero();
        assertThat(count(decode(chart), FrameChart.TEXT)).isGreaterThan(100);
    }

    @Test
    void aHugeTopicNameKeepsThePointCountVisibleAndTheFullTitleInThePng() throws IOException {
        String topic = "t<&>\uD83D\uDE00".repeat(1000);
        RenderedChart chart = renderer.render(ChartRequest.progress(topic, List.of(PlotSeries.ordinal(ZIGZAG))));

        assertThat(pngTitle(chart.png())).isEqualTo(topic + " \u2014 12 points");
        assertThat(decode(chart).getWidth()).isEqualTo(1280);
    }

    /** Issue 14: a long title is shortened to fit, not cut at the picture's edge. */
    @Test
    void aLongTitleIsShortenedInsideThePicture() throws IOException {
        String title = "Airy function, x0 = 0.6, h = 0.01, Chebyshev grid, WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW".repeat(3);
        RenderedChart chart = renderer.render(ChartRequest.progress(title, List.of(PlotSeries.ordinal(ZIGZAG))));
        BufferedImage image = decode(chart);

        int margin = 8;
        long textAtTheEdge = 0;
        long textInTheBand = 0;
        for (int y = 0; y < image.getHeight() / 10; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (FrameChart.TEXT.getRGB() & 0xFFFFFF)) {
                    textInTheBand++;
                    textAtTheEdge += x < margin || x >= image.getWidth() - margin ? 1 : 0;
                }
            }
        }
        assertThat(textInTheBand).as("the title is drawn").isGreaterThan(500);
        assertThat(textAtTheEdge).as("title pixels at the picture's edges").isZero();
        assertThat(pngTitle(chart.png())).isEqualTo(title + " \u2014 12 points");
    }

    static long count(BufferedImage image, Color color) {
        return countRows(image, 0, image.getHeight(), color);
    }

    static long countAbove(BufferedImage image, int row, Color color) {
        return countRows(image, 0, row, color);
    }

    static long countRows(BufferedImage image, int from, int to, Color color) {
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        int want = color.getRGB() & 0xFFFFFF;
        return Arrays.stream(rgb, from * image.getWidth(), to * image.getWidth()).filter(p -> (p & 0xFFFFFF) == want).count();
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
