package org.iterwatch.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws progress charts: a red marker for every value and a blue line through them. Markers shrink as
 * points crowd, and where they crowd the line (through each pixel column's mean) is drawn over them, so
 * both stay visible at any density; outliers and non-finite values are marked at the plot's edge.
 *
 * <p>XChart draws the frame (title, axes, ticks, grid, legend: {@link FrameChart}); the data are painted
 * into its plot by own loops, because a pinned message is redrawn on every update and a million-point
 * series must cost milliseconds, not minutes. Series with more points than pixel columns are drawn
 * from their per-column extremes ({@link Projection}); the PNG is indexed-colour ({@link PngEncoder}).
 * Thread-safe: each thread draws into buffers of its own ({@link Scratch}), reused from one picture to the next.
 */
public final class ChartRenderer {
    public static final Color POINT_RED = new Color(220, 20, 20);
    public static final Color LINE_BLUE = new Color(20, 60, 220);

    /** Marks, at the top edge, where values are NaN or infinite: the solver's health, not noise. */
    public static final Color NON_FINITE = new Color(150, 0, 160);
    /** The smallest marker radius, for a 1280 px wide picture: still wider than the line over it. */
    private static final double MIN_MARKER_RADIUS = 2.5;

    public RenderedChart render(ChartRequest request) {
        int width = request.width();
        int height = request.height();
        BufferedImage image = Scratch.ofThisThread().image(width, height);
        Graphics2D g = image.createGraphics();
        PlotArea area;
        long outliers = 0;
        long nonFinite = 0;
        List<Color> mustKeep = new ArrayList<>(List.of(Color.WHITE, FrameChart.TEXT, FrameChart.GRID, FrameChart.AXIS,
                NON_FINITE, FINISHED));
        try {
            PreviousRun previous = request.options().previousRun();
            DataRange range = DataRange.of(request.series(), request.options().logY(), previous);
            FrameChart frame = FrameChart.of(request, range, g);
            frame.paint(g, width, height);
            area = frame.plotArea();
            Raster raster = new Raster(image, area);
            LineMask lines = new LineMask(area);
            byte[] nonFiniteColumns = new byte[area.plotWidth()];
            long drawn = 0;
            if (previous != null) {
                previousRun(raster, lines, area, frame, previous, range);
                mustKeep.add(PREVIOUS_RUN);
                mustKeep.add(PREVIOUS_BAND);
            }
            List<PlotSeries> series = request.series();
            int main = Math.max(0, series.size() - request.options().faded());
            for (int i = series.size() - 1; i >= main; i--) { // oldest first, each fainter than the one after it
                Projection p = Projection.of(series.get(i), area, series.get(i).size() > area.plotWidth(),
                        range.yMin(), range.yMax());
                Color faded = faded(i - main + 1, series.size() - main);
                mustKeep.add(faded);
                lines.polyline(p, frame.lineHalfWidth() * 0.7f);
                lines.paint(raster, faded.getRGB());
            }
            for (int i = 0; i < main; i++) {
                PlotSeries s = series.get(i);
                boolean dense = !request.options().fullResolution() && s.size() > area.plotWidth();
                Projection p = Projection.of(s, area, dense, range.yMin(), range.yMax());
                Color line = line(i);
                Color point = marker(i);
                mustKeep.add(line);
                mustKeep.add(point);
                drawn += p.count();
                outliers += p.outliers();
                nonFinite += p.nonFinite();
                Raster.Sprite marker = Raster.Sprite.disc(markerRadius(frame, s.size(), area.plotWidth()));
                // Where markers crowd, the line goes over them, else it would vanish under a band of red.
                boolean lineOnTop = p.dense() || (long) s.size() * 4 > area.plotWidth();
                // Over the markers the line is thinner, so a rim of red stays visible on both sides.
                lines.polyline(p, lineOnTop ? Math.max(1f, frame.lineHalfWidth() * 0.8f) : frame.lineHalfWidth());
                if (!lineOnTop) {
                    lines.paint(raster, line.getRGB());
                }
                if (p.dense()) {
                    envelope(raster, p, area, marker.exactRadius(), point.getRGB());
                } else {
                    for (int k = 0; k < p.count(); k++) {
                        raster.stamp(marker, Math.round(p.xs()[k]), Math.round(p.ys()[k]), point.getRGB());
                    }
                }
                if (lineOnTop) {
                    lines.paint(raster, line.getRGB());
                }
                edgeMarks(raster, area, frame, p.edges(), point.getRGB(), nonFiniteColumns);
            }
            for (int c = 0; c < nonFiniteColumns.length; c++) {
                if (nonFiniteColumns[c] != 0) {
                    raster.column(area.left() + c, area.top(), area.top() + frame.px(28), NON_FINITE.getRGB());
                }
            }
            if (drawn == 0 && nonFinite == 0 && outliers == 0) {
                centred(g, frame, area, "no points yet");
            }
            badge(g, frame, area, request.options().badge());
        } finally {
            g.dispose();
        }
        byte[] png = PngEncoder.encode(image, request.title(), mustKeep);
        return new RenderedChart(png, request.title(), width, height, area, outliers, nonFinite);
    }

    /** The previous run's mean line (a grey of its own, apart from text shades), and the band of its values. */
    public static final Color PREVIOUS_RUN = new Color(176, 180, 190);
    static final Color PREVIOUS_BAND = new Color(238, 238, 238);

    private static void previousRun(Raster raster, LineMask lines, PlotArea area, FrameChart frame, PreviousRun run,
                                    DataRange range) {
        int n = run.buckets();
        double[] x = new double[n];
        double[] y = new double[n];
        double width = (run.xMax() - run.xMin()) / n;
        for (int b = 0; b < n; b++) {
            x[b] = run.xAt(b);
            y[b] = run.mean()[b];
            if (Float.isNaN(run.lo()[b])) {
                continue;
            }
            int from = (int) Math.round(area.pixelX(x[b] - width / 2));
            int to = (int) Math.round(area.pixelX(x[b] + width / 2));
            double top = Math.min(range.yMax(), run.hi()[b]);
            double bottom = Math.max(range.yMin(), run.lo()[b]);
            if (top < bottom || range.logY() && bottom <= 0) {
                continue;
            }
            for (int c = from; c <= Math.max(from, to); c++) {
                raster.column(c, (int) Math.round(area.pixelY(top)), (int) Math.round(area.pixelY(bottom)),
                        PREVIOUS_BAND.getRGB());
            }
        }
        Projection p = Projection.of(new PlotSeries("", x, y), area, false, range.yMin(), range.yMax());
        lines.polyline(p, frame.lineHalfWidth());
        lines.paint(raster, PREVIOUS_RUN.getRGB());
    }

    /**
     * Markers as large as the points' spacing allows: full size while they stand apart, smaller as they
     * crowd (about the square root of the spacing), never below {@link #MIN_MARKER_RADIUS}.
     */
    static float markerRadius(FrameChart frame, int points, int columns) {
        double full = frame.markerRadius();
        double spacing = columns / (double) Math.max(1, points);
        double r = full * Math.sqrt(spacing / (4 * full));
        return (float) Math.max(MIN_MARKER_RADIUS * frame.scale(), Math.min(full, r));
    }

    /**
     * Outliers as short ticks at the top or bottom edge of their column, in the series' marker colour; the
     * columns with non-finite values are collected and marked once for all series.
     */
    private static void edgeMarks(Raster raster, PlotArea area, FrameChart frame, byte[] edges, int rgb,
                                  byte[] nonFiniteColumns) {
        int length = frame.px(16);
        for (int c = 0; c < edges.length; c++) {
            byte e = edges[c];
            if (e == 0) {
                continue;
            }
            nonFiniteColumns[c] |= (byte) (e & Projection.NON_FINITE);
            for (int d = -1; d <= 1; d++) {
                if ((e & Projection.ABOVE) != 0) {
                    raster.column(area.left() + c + d, area.top(), area.top() + length, rgb);
                }
                if ((e & Projection.BELOW) != 0) {
                    raster.column(area.left() + c + d, area.bottom() - length, area.bottom(), rgb);
                }
            }
        }
    }

    private static void centred(Graphics2D g, FrameChart frame, PlotArea area, String text) {
        g.setColor(FrameChart.AXIS);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, frame.px(32)));
        g.drawString(text, (area.left() + area.right() - g.getFontMetrics().stringWidth(text)) / 2,
                (area.top() + area.bottom()) / 2);
    }

    /** A short note in the plot's upper right corner, e.g. that the calculation finished. */
    private static void badge(Graphics2D g, FrameChart frame, PlotArea area, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, frame.px(30)));
        String fitted = Text.fit(g.getFontMetrics(), text, area.plotWidth() / 2);
        int w = g.getFontMetrics().stringWidth(fitted);
        int pad = frame.px(10);
        int x = area.right() - w - 3 * pad;
        int top = area.top() + frame.px(36);
        int h = g.getFontMetrics().getHeight();
        g.setColor(Color.WHITE);
        g.fillRect(x - pad, top, w + 2 * pad, h + pad);
        g.setColor(FINISHED);
        g.drawString(fitted, x, top + g.getFontMetrics().getAscent() + pad / 2);
    }

    /** The badge's colour: a calm green, apart from the data colours. */
    static final Color FINISHED = new Color(0, 120, 60);

    /** An earlier iteration's line: the blue, fading towards white the older it is (age 1 … of). */
    static Color faded(int age, int of) {
        double keep = 0.55 * (1 - (age - 1) / (double) Math.max(1, of));
        return new Color(Raster.blend(Color.WHITE.getRGB(), LINE_BLUE.getRGB(), (int) Math.round(255 * (0.15 + keep))));
    }

    static Color marker(int index) {
        return index == 0 ? POINT_RED : Palette.marker(index);
    }

    static Color line(int index) {
        return index == 0 ? LINE_BLUE : Palette.line(index);
    }

    /**
     * Where markers crowd, paints what they would cover together: in each column, the span from the
     * lowest to the highest point, widened by the marker's round outline from the neighbouring columns.
     */
    private static void envelope(Raster raster, Projection p, PlotArea area, float radius, int rgb) {
        float[] lo = p.lo();
        float[] hi = p.hi();
        int r = (int) Math.ceil(radius);
        int[] tops = new int[2 * r + 1];
        int[] bottoms = new int[2 * r + 1];
        Raster.Spans spans = new Raster.Spans(lo.length);
        for (int c = 0; c < lo.length; c++) {
            int n = 0;
            for (int d = -r; d <= r; d++) {
                int src = c + d;
                if (src < 0 || src >= lo.length || Float.isNaN(lo[src])) {
                    continue;
                }
                double reach = Math.sqrt(Math.max(0, radius * radius - d * d));
                if (reach < 0.5) {
                    continue;
                }
                tops[n] = (int) Math.round(lo[src] - reach + 0.5);
                bottoms[n] = (int) Math.round(hi[src] + reach - 0.5);
                n++;
            }
            union(spans, area.left() + c, tops, bottoms, n);
        }
        raster.fill(spans, rgb);
    }

    private static void union(Raster.Spans spans, int x, int[] tops, int[] bottoms, int n) {
        for (int i = 1; i < n; i++) { // insertion sort by top: n is at most 2r + 1
            int t = tops[i];
            int b = bottoms[i];
            int j = i - 1;
            while (j >= 0 && tops[j] > t) {
                tops[j + 1] = tops[j];
                bottoms[j + 1] = bottoms[j];
                j--;
            }
            tops[j + 1] = t;
            bottoms[j + 1] = b;
        }
        int i = 0;
        while (i < n) {
            int top = tops[i];
            int bottom = bottoms[i];
            while (++i < n && tops[i] <= bottom + 1) {
                bottom = Math.max(bottom, bottoms[i]);
            }
            spans.add(x, top, bottom);
        }
    }
}
