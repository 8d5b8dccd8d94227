package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A drawing thread keeps its buffers from one picture to the next: what a chart shows must not depend on that. */
class ReusedBuffersTest {
    final ChartRenderer renderer = new ChartRenderer();

    @Test
    void aChartDrawnAfterOthersOfOtherSizesIsTheChartDrawnOnAFreshThread() throws Exception {
        ChartRequest small = ChartRequest.progress("small", List.of(PlotSeries.ordinal(new double[] {3, 1, 4, 1, 5})));
        byte[] fresh = onFreshThread(() -> renderer.render(small).png());

        byte[] afterOthers = onFreshThread(() -> {
            double[] dense = IntStream.range(0, 1_000_000).mapToDouble(i -> Math.sin(i / 300.0)).toArray();
            new StatusBoard().render(List.of(), Instant.EPOCH);
            renderer.render(ChartRequest.progress("dense", List.of(PlotSeries.ordinal(dense))));
            // Every column spans the whole range: a solid band, not the background, under the small chart's rows.
            double[] band = IntStream.range(0, 1_000_000).mapToDouble(i -> i % 2 == 0 ? 1 : -1).toArray();
            renderer.render(ChartRequest.progress("wide", List.of(PlotSeries.ordinal(band))).withSize(1920, 1080));
            return renderer.render(small).png();
        });

        assertThat(afterOthers).isEqualTo(fresh);
        BufferedImage image = Pixels.decode(new RenderedChart(afterOthers, "small", 1280, 720));
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(720);
    }

    private static <T> T onFreshThread(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdown();
        }
    }
}
