package org.iterwatch.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.RenderedChart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * iterwatch's chart renderer against plain XChart drawing the same data at the same size with the
 * same look (red markers, blue line, 1280×720, PNG bytes out), measured in one run.
 *
 * <p>Run alone: {@code mvn -B -Pbench verify -pl src-test -am -Dtest=RendererBenchmark}. Prints a
 * table (also written to {@code src-test/target/renderer-benchmark.md}); asserts correctness only.
 * Plain XChart needs seconds for 100 000 points and minutes (and more than 190 MB of heap) for a
 * million, so its million-point time is extrapolated from 100 000 points, linearly: a lower bound.
 */
@Tag("benchmark")
class RendererBenchmark {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private final ChartRenderer renderer = new ChartRenderer();
    private final List<String> rows = new ArrayList<>();

    @Test
    void oursAgainstPlainXChart() throws IOException {
        rows.add("| points | renderer | iterations | median ms | p90 ms | PNG bytes |");
        rows.add("|---:|---|---:|---:|---:|---:|");
        double ours100k = 0;
        double ours1m = 0;
        double xchart100k = 0;
        for (int n : new int[] {1_000, 10_000, 100_000, 1_000_000}) {
            double[] y = data(n);
            Result ours = measure(n <= 10_000 ? 30 : 20, n <= 10_000 ? 40 : 20, () -> oursPng(y, n));
            row(n, "iterwatch", ours);
            if (n == 1_000_000) {
                ours1m = ours.median;
            }
            if (n == 100_000) {
                ours100k = ours.median;
            }
            if (n <= 100_000) {
                int iterations = n == 1_000 ? 20 : n == 10_000 ? 5 : 2;
                Result plain = measure(n == 1_000 ? 10 : 1, iterations, () -> xchartPng(ordinals(n), y));
                row(n, "plain XChart", plain);
                if (n == 100_000) {
                    xchart100k = plain.median;
                }
            } else {
                double[][] reduced = minMaxPerColumn(y, WIDTH);
                Result minMax = measure(5, 15, () -> {
                    double[][] r = minMaxPerColumn(y, WIDTH);
                    return xchartPng(r[0], r[1]);
                });
                row(n, "XChart fed a min/max-per-column copy (" + reduced[0].length + " points, incl. reduction)", minMax);
                rows.add(String.format(Locale.ROOT, "| %,d | plain XChart | not run | ≥ %.0f (extrapolated) | | |",
                        n, xchart100k * 10));
            }
        }
        rows.add("");
        rows.add(String.format(Locale.ROOT, "Speed-up at 100 000 points (measured): %.0f×; at 1 000 000 points: ≥ %.0f× "
                + "(plain XChart extrapolated linearly from 100 000 points, a lower bound).",
                xchart100k / ours100k, xchart100k * 10 / ours1m));
        String table = String.join("\n", rows);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "renderer-benchmark.md"), table + "\n", StandardCharsets.UTF_8);
    }

    private byte[] oursPng(double[] y, int n) {
        RenderedChart chart = renderer.render(ChartRequest.progress("bench", List.of(PlotSeries.ordinal(y))));
        assertThat(chart.title()).isEqualTo("bench \u2014 " + String.format(Locale.ROOT, "%,d", n) + " points");
        return chart.png();
    }

    /** What the renderer did before: XChart styled like the published system, encoded by BitmapEncoder. */
    static byte[] xchartPng(double[] x, double[] y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("bench \u2014 " + y.length + " points")
                .xAxisTitle("point").yAxisTitle("value").build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        styler.setMarkerSize(8);
        XYSeries series = chart.addSeries("s", x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(ChartRenderer.POINT_RED);
        series.setLineColor(ChartRenderer.LINE_BLUE);
        series.setLineStyle(new BasicStroke(2f));
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Per pixel column: first, lowest, highest and last point, in order (what a careful caller would feed XChart). */
    static double[][] minMaxPerColumn(double[] y, int columns) {
        double[] xs = new double[4 * columns];
        double[] ys = new double[4 * columns];
        int n = 0;
        int per = (int) Math.ceil(y.length / (double) columns);
        for (int from = 0; from < y.length; from += per) {
            int to = Math.min(y.length, from + per);
            int min = from;
            int max = from;
            for (int i = from; i < to; i++) {
                min = y[i] < y[min] ? i : min;
                max = y[i] > y[max] ? i : max;
            }
            for (int i : new int[] {from, Math.min(min, max), Math.max(min, max), to - 1}) {
                if (n == 0 || xs[n - 1] != i + 1) {
                    xs[n] = i + 1;
                    ys[n] = y[i];
                    n++;
                }
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    static double[] data(int n) {
        Random random = new Random(n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i * 20.0 / n) + 0.1 * random.nextGaussian() + (random.nextInt(5000) == 0 ? 2 : 0);
        }
        return y;
    }

    static double[] ordinals(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private record Result(double median, double p90, int iterations, int bytes) {
    }

    private static Result measure(int warmup, int iterations, Supplier<byte[]> render) throws IOException {
        byte[] png = null;
        for (int i = 0; i < warmup; i++) {
            png = render.get();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            png = render.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        Arrays.sort(ms);
        return new Result(ms[iterations / 2], ms[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.9) - 1)], iterations, png.length);
    }

    private void row(int n, String who, Result r) {
        rows.add(String.format(Locale.ROOT, "| %,d | %s | %d | %.1f | %.1f | %,d |", n, who, r.iterations, r.median, r.p90, r.bytes));
        System.out.println(rows.get(rows.size() - 1));
    }
}
