package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.render.Pixels.is;
import static org.iterwatch.render.Pixels.px;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12, point 6: a chart read on a phone at any density, with outliers and non-finite values. */
class ReadableChartTest {
    final ChartRenderer renderer = new ChartRenderer();

    /** A noisy decaying curve: markers crowd, and the blue line must still be seen over them. */
    @ParameterizedTest
    @ValueSource(ints = {3_000, 1_000_000})
    void theBlueLineStaysVisibleOverCrowdedRedPoints(int n) {
        Random random = new Random(7);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.exp(-3.0 * i / n) + 0.05 * random.nextGaussian();
        }
        RenderedChart chart = renderer.render(ChartRequest.progress("dense", List.of(PlotSeries.ordinal(y))));
        BufferedImage image = Pixels.decode(chart);
        PlotArea plot = chart.plot();

        int both = 0;
        int columns = 0;
        for (int x = px(plot.pixelX(1)) + 5; x < px(plot.pixelX(n)) - 5; x += 7) {
            columns++;
            boolean red = false;
            boolean blue = false;
            for (int yy = plot.top(); yy <= plot.bottom(); yy++) {
                red |= is(image, x, yy, ChartRenderer.POINT_RED);
                blue |= is(image, x, yy, ChartRenderer.LINE_BLUE);
            }
            both += red && blue ? 1 : 0;
        }
        System.out.printf("%d points: red %d, blue %d, columns with both %d of %d%n", n,
                count(image, ChartRenderer.POINT_RED), count(image, ChartRenderer.LINE_BLUE), both, columns);
        assertThat(both).as("columns showing red points and the blue line").isGreaterThan(columns * 9 / 10);
        assertThat(count(image, ChartRenderer.LINE_BLUE)).isGreaterThan(plot.plotWidth());
        assertThat(count(image, ChartRenderer.POINT_RED)).isGreaterThan(2 * plot.plotWidth());
    }

    @Test
    void markersShrinkAsPointsCrowd() {
        double[] few = new double[20];
        double[] many = new double[3_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = Math.sin(i / 300.0);
        }
        for (int i = 0; i < few.length; i++) {
            few[i] = Math.sin(i / 2.0);
        }
        int lone = redRun(renderer.render(ChartRequest.progress("few", List.of(PlotSeries.ordinal(few)))), 1, few[0]);
        int crowded = redRun(renderer.render(ChartRequest.progress("many", List.of(PlotSeries.ordinal(many)))), 1,
                many[0]);
        assertThat(lone).as("a lone marker's height").isGreaterThanOrEqualTo(7);
        assertThat(crowded).as("a crowded marker's height").isLessThan(lone);
    }

    /** Rows of red in the column of point {@code i} (1-based), around its value. */
    private static int redRun(RenderedChart chart, int i, double value) {
        BufferedImage image = Pixels.decode(chart);
        int x = px(chart.plot().pixelX(i)) - 1;
        int y = px(chart.plot().pixelY(value));
        int n = 0;
        for (int dy = -12; dy <= 12; dy++) {
            n += is(image, x, y + dy, ChartRenderer.POINT_RED) ? 1 : 0;
        }
        return n;
    }

    @Test
    void oneHugeOutlierNeitherFlattensTheChartNorVanishes() {
        double[] y = new double[1_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 50.0);
        }
        y[500] = 1e6;
        RenderedChart chart = renderer.render(ChartRequest.progress("outlier", List.of(PlotSeries.ordinal(y))));
        PlotArea plot = chart.plot();
        BufferedImage image = Pixels.decode(chart);

        assertThat(chart.outliers()).isEqualTo(1);
        assertThat(plot.yMax()).as("the value axis ends near the bulk, not at 1e6").isLessThan(10);
        int x = px(plot.pixelX(501));
        assertThat(is(image, x, plot.top() + 2, ChartRenderer.POINT_RED)).as("the outlier's mark at the top edge").isTrue();
        // the sine still spans most of the plot's height
        assertThat(plot.pixelY(-1) - plot.pixelY(1)).isGreaterThan((plot.bottom() - plot.top()) / 3.0);
    }

    @Test
    void nonFiniteValuesAreMarkedAtTheTopEdgeAndCounted() {
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 40 ? 1.0 / (i + 1) : i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        RenderedChart chart = renderer.render(ChartRequest.progress("nan", List.of(PlotSeries.ordinal(y))));
        BufferedImage image = Pixels.decode(chart);
        PlotArea plot = chart.plot();

        assertThat(chart.nonFinite()).isEqualTo(60);
        assertThat(chart.title()).isEqualTo("nan \u2014 40 points");
        assertThat(is(image, px(plot.pixelX(70)), plot.top() + 3, ChartRenderer.NON_FINITE)).isTrue();
        assertThat(is(image, px(plot.pixelX(20)), plot.top() + 3, ChartRenderer.NON_FINITE)).as("none over finite ones").isFalse();
    }

    @Test
    void aBadgeSaysTheCalculationFinished() {
        double[] y = {1, 2, 3};
        RenderedChart plain = renderer.render(ChartRequest.progress("f", List.of(PlotSeries.ordinal(y))));
        RenderedChart done = renderer.render(ChartRequest.progress("f", List.of(PlotSeries.ordinal(y)),
                ChartOptions.DEFAULT.withBadge("finished in 3 h 12 min")));
        assertThat(count(Pixels.decode(plain), ChartRenderer.FINISHED)).isZero();
        assertThat(count(Pixels.decode(done), ChartRenderer.FINISHED)).isGreaterThan(100);
    }

    /** Issue 12, point 4: the run before this one, faded grey behind it, over its own x range. */
    @Test
    void thePreviousRunIsDrawnGreyBehindTheNewOne() {
        PreviousRun.Builder b = new PreviousRun.Builder(1, 10_000, false);
        for (int i = 1; i <= 10_000; i++) {
            b.add(i, Math.cos(i / 1000.0));
        }
        PreviousRun previous = b.build(java.time.Duration.ofMinutes(192));
        double[] y = {0.5, 0.6, 0.7, 0.8, 0.9};
        RenderedChart alone = renderer.render(ChartRequest.progress("p", List.of(PlotSeries.ordinal(y))));
        RenderedChart beside = renderer.render(ChartRequest.progress("p", List.of(PlotSeries.ordinal(y)),
                ChartOptions.DEFAULT.withPreviousRun(previous)));

        assertThat(count(Pixels.decode(alone), ChartRenderer.PREVIOUS_RUN)).isZero();
        assertThat(count(Pixels.decode(beside), ChartRenderer.PREVIOUS_RUN)).as("grey line pixels").isGreaterThan(1000);
        assertThat(beside.plot().xMax()).as("the axis spans the previous run").isGreaterThan(9_000);
        assertThat(beside.title()).isEqualTo("p \u2014 5 points");
        assertThat(previous.summary()).isEqualTo("10,000 points, 3 h 12 min");
    }

    static long count(BufferedImage image, Color color) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += is(image, x, y, color) ? 1 : 0;
            }
        }
        return n;
    }
}
