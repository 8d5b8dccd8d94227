package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The x axis tells how far the data go: its ticks are round numbers from the start of the data to their end, both
 * ends labelled and readable in the picture, whole numbers without decimals.
 */
class XAxisTest {
    @ParameterizedTest
    @CsvSource({
            "3000, 1, '0', 0, '3,000', 3000",
            "1000000, 1, '0', 0, '1M', 1000000",
            "1000000, 0, '0', 0, '1M', 1000000",
            "1050000, 1, '0', 0, '1.2M', 1200000",
            "7, 1, '1', 1, '7', 7"})
    void theAxisStartsAndEndsOnALabelledRoundTick(int n, int start, String firstLabel, double first, String lastLabel,
                                                   double last) {
        double[] y = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.exp(-3.0 * i / n);
            x[i] = start + i;
        }
        PlotSeries series = start == 1 ? PlotSeries.ordinal(y) : new PlotSeries("", x, y);
        ChartRequest request = ChartRequest.progress("axis", List.of(series));
        List<String> labels = xLabels(request);

        assertThat(labels.get(0)).isEqualTo(firstLabel);
        assertThat(labels.get(labels.size() - 1)).isEqualTo(lastLabel);
        assertThat(labels).hasSizeBetween(4, 8).allMatch(l -> l.matches("[0-9][0-9,]*(\\.[0-9]+)?[kM]?"), "whole");

        // In the picture: the axis's ends are labelled, and the data lie between them.
        RenderedChart chart = new ChartRenderer().render(request);
        BufferedImage image = Pixels.decode(chart);
        PlotArea plot = chart.plot();
        assertThat(labelInkUnder(image, plot, Pixels.px(plot.pixelX(first)))).as("a label at the axis's start")
                .isGreaterThan(20);
        assertThat(labelInkUnder(image, plot, Pixels.px(plot.pixelX(last)))).as("a label at the axis's end")
                .isGreaterThan(20);
        assertThat(plot.pixelX(first)).isLessThanOrEqualTo(plot.pixelX(start)).isGreaterThan(plot.left());
        assertThat(plot.pixelX(last)).isGreaterThanOrEqualTo(plot.pixelX(start + n - 1)).isLessThan(plot.right());
    }

    @Test
    void iterationsOnTheXAxisShowNoDecimals() {
        for (int iterations : new int[] {2, 3, 5, 12}) {
            double[] x = new double[iterations];
            double[] y = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                x[i] = i + 1;
                y[i] = Math.pow(10, -i);
            }
            ChartRequest request = new ChartRequest("\u0394", List.of(new PlotSeries("max", x, y), new PlotSeries("rms", x, y)),
                    ChartRequest.DEFAULT_WIDTH, ChartRequest.DEFAULT_HEIGHT,
                    ChartOptions.DEFAULT.withLogY(true).withAxisTitles("iteration", "|\u0394|"));
            List<String> labels = xLabels(request);
            assertThat(labels).as("%d iterations", iterations).allMatch(l -> l.matches("[0-9,]+"));
            assertThat(Integer.parseInt(labels.get(0))).isLessThanOrEqualTo(1);
            assertThat(Integer.parseInt(labels.get(labels.size() - 1))).isGreaterThanOrEqualTo(iterations);
        }
    }

    @Test
    void realAbscissaeKeepTheirDecimalsAndLargeOnesAreShort() {
        assertThat(XTicks.cover(0, 1, false, 1000, 150, s -> 10 * s.length()).values()).containsExactly(0, 0.2, 0.4,
                0.6, 0.8, 1.0);
        XTicks fine = XTicks.cover(0.1, 0.9, false, 1000, 150, s -> 10 * s.length());
        assertThat(fine.label(fine.first())).isEqualTo("0.0");
        assertThat(fine.label(fine.last())).isEqualTo("1.0");
        XTicks large = XTicks.cover(-2.5e6, 2.5e6, false, 1000, 150, s -> 10 * s.length());
        assertThat(large.label(large.first())).isEqualTo("-3M");
        assertThat(large.label(0)).isEqualTo("0");
        assertThat(large.label(-0.0)).isEqualTo("0");
    }

    @Test
    void labelsThatNeverFitStillEndTheSearch() {
        XTicks ticks = XTicks.cover(0.001, 0.002, false, 100, 60, s -> 1000);
        assertThat(ticks.count()).isEqualTo(1);
        assertThat(ticks.first()).isLessThanOrEqualTo(0.001);
        assertThat(ticks.last()).isGreaterThanOrEqualTo(0.002);
    }

    /** What XChart labelled the x axis with, for a frame drawn as the renderer draws it. */
    static List<String> xLabels(ChartRequest request) {
        BufferedImage image = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            FrameChart frame = FrameChart.of(request, DataRange.of(request.series(), request.options().logY()), g);
            frame.paint(g, request.width(), request.height());
            return frame.xTickLabels();
        } finally {
            g.dispose();
        }
    }

    /** Text pixels in the band of tick labels under the plot, within 12 px of column {@code x}. */
    private static int labelInkUnder(BufferedImage image, PlotArea plot, int x) {
        int n = 0;
        for (int yy = plot.bottom() + 8; yy < plot.bottom() + 60 && yy < image.getHeight(); yy++) {
            for (int xx = Math.max(0, x - 12); xx <= Math.min(image.getWidth() - 1, x + 12); xx++) {
                n += Pixels.is(image, xx, yy, FrameChart.TEXT) ? 1 : 0;
            }
        }
        return n;
    }
}
