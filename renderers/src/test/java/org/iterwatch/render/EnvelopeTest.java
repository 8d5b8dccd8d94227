package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The downsampled picture of a dense series must look like the picture of every point. */
class EnvelopeTest {
    final ChartRenderer renderer = new ChartRenderer();

    @Test
    void narrowSpikesSurviveDownsamplingWithinOnePixelPerColumn() {
        int n = 30_000;
        Random random = new Random(42);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i / 2000.0) + 0.05 * random.nextGaussian();
        }
        for (int k = 0; k < 25; k++) { // one-point spikes, up and down: each narrower than a pixel column
            int at = random.nextInt(n);
            y[at] += (k % 2 == 0 ? 1 : -1) * (1.5 + random.nextDouble());
        }
        ChartRequest request = ChartRequest.progress("spikes", List.of(PlotSeries.ordinal(y)));

        RenderedChart fast = renderer.render(request);
        RenderedChart full = renderer.render(request.withOptions(ChartOptions.DEFAULT.withFullResolution(true)));

        assertThat(fast.plot()).isEqualTo(full.plot());
        int[][] expected = extremes(Pixels.decode(full), full.plot());
        int[][] actual = extremes(Pixels.decode(fast), fast.plot());
        int inked = 0;
        for (int c = 0; c < expected.length; c++) {
            assertThat(actual[c][0] < 0).as("column %d inked", c).isEqualTo(expected[c][0] < 0);
            if (expected[c][0] >= 0) {
                inked++;
                assertThat(Math.abs(actual[c][0] - expected[c][0])).as("top of column %d", c).isLessThanOrEqualTo(1);
                assertThat(Math.abs(actual[c][1] - expected[c][1])).as("bottom of column %d", c).isLessThanOrEqualTo(1);
            }
        }
        assertThat(inked).isGreaterThan(full.plot().plotWidth() * 85 / 100); // data span 90 %: 5 % padding each side
        // the spikes reach far beyond the band: they are in the picture, not averaged away
        int spikeTop = java.util.Arrays.stream(actual).filter(e -> e[0] >= 0).mapToInt(e -> e[0]).min().orElseThrow();
        assertThat(spikeTop).isLessThan(px(fast.plot().pixelY(1.6)));
    }

    /** Per plot column: first and last row holding a coloured (data) pixel, or -1. */
    static int[][] extremes(BufferedImage image, PlotArea plot) {
        int[][] out = new int[plot.plotWidth()][];
        for (int x = plot.left(); x <= plot.right(); x++) {
            int top = -1;
            int bottom = -1;
            for (int y = plot.top(); y <= plot.bottom(); y++) {
                if (Pixels.inked(image.getRGB(x, y))) {
                    top = top < 0 ? y : top;
                    bottom = y;
                }
            }
            out[x - plot.left()] = new int[] {top, bottom};
        }
        return out;
    }

    private static int px(double v) {
        return (int) Math.round(v);
    }
}
