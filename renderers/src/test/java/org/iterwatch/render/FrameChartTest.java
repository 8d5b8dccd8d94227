package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The plot area we paint into must map values to the very pixels XChart itself puts them on. */
class FrameChartTest {
    private static final Color PROBE = new Color(0, 200, 0);

    @ParameterizedTest
    @ValueSource(strings = {"ordinal", "real", "log", "portrait", "tablet"})
    void ourMappingHitsXChartsOwnMarkersWithinOnePixel(String kind) {
        double[] x = {-3, -2.5, 0, 1, 4, 7.25, 9};
        double[] y = kind.equals("log") ? new double[] {0.02, 1, 7, 300, 45, 9000, 2e5} : new double[] {-4, 3, 0.5, 12, 7, -1, 2};
        PlotSeries series = kind.equals("ordinal") ? PlotSeries.ordinal(y) : new PlotSeries("", x, y);
        ChartRequest request = ChartRequest.progress("mapping", List.of(series),
                ChartOptions.DEFAULT.withLogY(kind.equals("log")));
        request = switch (kind) {
            case "portrait" -> request.withSize(720, 1280);
            case "tablet" -> request.withSize(ChartRequest.TABLET_WIDTH, ChartRequest.TABLET_HEIGHT);
            default -> request;
        };
        BufferedImage image = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        FrameChart chart = FrameChart.of(request, DataRange.of(request.series(), request.options().logY()), g);
        double[] xs = kind.equals("ordinal") ? new double[] {1, 2, 3, 4, 5, 6, 7} : x;
        XYSeries probe = chart.addSeries("probe", xs, y);
        probe.setMarker(SeriesMarkers.CIRCLE);
        probe.setMarkerColor(PROBE);
        probe.setLineStyle(SeriesLines.NONE);
        chart.paint(g, request.width(), request.height());
        g.dispose();
        PlotArea plot = chart.plotArea();

        for (int i = 0; i < y.length; i++) {
            double px = plot.pixelX(xs[i]);
            double py = plot.pixelY(y[i]);
            double[] centre = centroid(image, px, py, 12);
            assertThat(centre).as("XChart's marker of point %d near %.1f,%.1f", i, px, py).isNotNull();
            assertThat(Math.abs(centre[0] - px)).as("x of point %d", i).isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(centre[1] - py)).as("y of point %d", i).isLessThanOrEqualTo(1.0);
            assertThat(plot.contains((int) Math.round(px), (int) Math.round(py))).isTrue();
        }
    }

    @Test
    void theAxesShowTheDataRangeAndXChartDrawsTheTitleAndTicks() {
        double[] y = {5, 9, 7};
        RenderedChart chart = new ChartRenderer().render(ChartRequest.progress("frame", List.of(PlotSeries.ordinal(y))));
        BufferedImage image = Pixels.decode(chart);
        PlotArea plot = chart.plot();

        // XChart's margin: the extreme points sit inside the plot, away from its border
        assertThat(plot.pixelY(9)).isGreaterThan(plot.top() + 5);
        assertThat(plot.pixelY(5)).isLessThan(plot.bottom() - 5);
        assertThat(plot.pixelX(1)).isGreaterThan(plot.left() + 5);
        assertThat(plot.pixelX(3)).isLessThan(plot.right() - 5);
        // text above the plot (the title) and left of it (tick labels), grid lines inside it
        assertThat(ChartRendererTest.countRows(image, 0, plot.top(), FrameChart.TEXT)).isGreaterThan(100);
        assertThat(countColumns(image, 0, plot.left(), FrameChart.TEXT)).isGreaterThan(100);
        assertThat(ChartRendererTest.countRows(image, plot.top(), plot.bottom(), FrameChart.GRID)).isGreaterThan(1000);
    }

    /** Centre of the pixels of exactly the probe colour within {@code radius} of (x, y), or null. */
    private static double[] centroid(BufferedImage image, double x, double y, int radius) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int py = (int) y - radius; py <= (int) y + radius; py++) {
            for (int px = (int) x - radius; px <= (int) x + radius; px++) {
                if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight()
                        && (image.getRGB(px, py) & 0xFFFFFF) == (PROBE.getRGB() & 0xFFFFFF)) {
                    sx += px;
                    sy += py;
                    n++;
                }
            }
        }
        return n == 0 ? null : new double[] {sx / n, sy / n};
    }

    private static long countColumns(BufferedImage image, int from, int to, Color color) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = from; x < to; x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }
}
