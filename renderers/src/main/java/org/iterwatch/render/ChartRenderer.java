package org.iterwatch.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws progress charts: a red marker for every value and a blue line through them.
 *
 * <p>XChart draws the frame (title, axes, ticks, grid, legend: {@link FrameChart}); the data are painted
 * into its plot by own loops, because a pinned message is redrawn on every update and a million-point
 * series must cost milliseconds, not minutes. Series with more points than pixel columns are drawn
 * from their per-column extremes ({@link Projection}); the PNG is indexed-colour ({@link PngEncoder}).
 * Thread-safe: holds no state between renders.
 */
public final class ChartRenderer {
    public static final Color POINT_RED = new Color(220, 20, 20);
    public static final Color LINE_BLUE = new Color(20, 60, 220);

    public RenderedChart render(ChartRequest request) {
        int width = request.width();
        int height = request.height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        PlotArea area;
        List<Color> mustKeep = new ArrayList<>(List.of(Color.WHITE, FrameChart.TEXT, FrameChart.GRID, FrameChart.AXIS));
        try {
            FrameChart frame = FrameChart.of(request, DataRange.of(request.series(), request.options().logY()), g);
            frame.paint(g, width, height);
            area = frame.plotArea();
            Raster raster = new Raster(image, area);
            Raster.Sprite marker = Raster.Sprite.disc(frame.markerRadius());
            LineMask lines = new LineMask(area);
            long drawn = 0;
            List<PlotSeries> series = request.series();
            for (int i = 0; i < series.size(); i++) {
                PlotSeries s = series.get(i);
                boolean dense = !request.options().fullResolution() && s.size() > area.plotWidth();
                Projection p = Projection.of(s, area, dense);
                Color line = line(i);
                Color point = marker(i);
                mustKeep.add(line);
                mustKeep.add(point);
                drawn += p.count();
                lines.polyline(p, frame.lineHalfWidth());
                lines.paint(raster, line.getRGB());
                if (p.dense()) {
                    envelope(raster, p, area, marker.exactRadius(), point.getRGB());
                } else {
                    for (int k = 0; k < p.count(); k++) {
                        raster.stamp(marker, Math.round(p.xs()[k]), Math.round(p.ys()[k]), point.getRGB());
                    }
                }
            }
            if (drawn == 0) {
                g.setColor(FrameChart.AXIS);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, frame.px(32)));
                String text = "no points yet";
                g.drawString(text, (area.left() + area.right() - g.getFontMetrics().stringWidth(text)) / 2,
                        (area.top() + area.bottom()) / 2);
            }
        } finally {
            g.dispose();
        }
        byte[] png = PngEncoder.encode(image, request.title(), mustKeep);
        return new RenderedChart(png, request.title(), width, height, area);
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
            paintUnion(raster, area.left() + c, tops, bottoms, n, rgb);
        }
    }

    private static void paintUnion(Raster raster, int x, int[] tops, int[] bottoms, int n, int rgb) {
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
            raster.column(x, top, bottom, rgb);
        }
    }
}
