package org.iterwatch.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws progress charts: a red marker for every value and a blue line through them.
 *
 * <p>Drawn directly (Java2D for text, own loops for lines and markers) instead of through a chart
 * library: a pinned message is redrawn on every update, and a million-point series must cost
 * milliseconds, not minutes. Series with more points than pixel columns are drawn from their
 * per-column extremes ({@link Projection}); the PNG is indexed-colour ({@link PngEncoder}).
 * Thread-safe: holds no state between renders.
 */
public final class ChartRenderer {
    public static final Color POINT_RED = new Color(220, 20, 20);
    public static final Color LINE_BLUE = new Color(20, 60, 220);
    /** Marker radius and line width for a 1280 px wide picture; they scale with the picture. */
    private static final double MARKER_RADIUS = 4.5;
    private static final double LINE_WIDTH = 2.5;

    public RenderedChart render(ChartRequest request) {
        int width = request.width();
        int height = request.height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        PlotArea area;
        List<Color> mustKeep = new ArrayList<>(List.of(Color.WHITE, Frame.TEXT, Frame.GRID, Frame.AXIS));
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Frame frame = new Frame(g, width, height);
            area = frame.paint(request.title(), legend(request.series()), axes(request));
            Raster raster = new Raster(image, area);
            Raster.Sprite marker = Raster.Sprite.disc((float) (MARKER_RADIUS * frame.scale()));
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
                lines.polyline(p, (float) (LINE_WIDTH * frame.scale() / 2));
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
                g.setColor(Frame.AXIS);
                g.setFont(g.getFont().deriveFont((float) frame.px(32)));
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

    private static List<Frame.Entry> legend(List<PlotSeries> series) {
        if (series.size() < 2) {
            return List.of();
        }
        List<Frame.Entry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            String name = series.get(i).name().isEmpty() ? "series " + (i + 1) : series.get(i).name();
            entries.add(new Frame.Entry(name, marker(i), line(i)));
        }
        return entries;
    }

    private static Frame.Axes axes(ChartRequest request) {
        boolean log = request.options().logY();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean realX = false;
        for (PlotSeries s : request.series()) {
            realX |= s.x() != null;
            double[] y = s.y();
            double[] x = s.x();
            for (int i = 0; i < y.length; i++) {
                double v = y[i];
                // Written out rather than via PlotSeries.drawable: this loop runs once per point.
                if (!(v > Double.NEGATIVE_INFINITY && v < Double.POSITIVE_INFINITY) || log && v <= 0) {
                    continue;
                }
                double at = x == null ? i + 1 : x[i];
                if (!(at > Double.NEGATIVE_INFINITY && at < Double.POSITIVE_INFINITY)) {
                    continue;
                }
                xMin = Math.min(xMin, at);
                xMax = Math.max(xMax, at);
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = log ? 1 : 0;
            yMax = log ? 10 : 1;
        }
        double[] xr = Ticks.padded(xMin, xMax, false);
        double[] yr = Ticks.padded(yMin, yMax, log);
        String xTitle = request.options().xAxisTitle() != null ? request.options().xAxisTitle() : realX ? "x" : "point";
        String yTitle = request.options().yAxisTitle() != null ? request.options().yAxisTitle() : "value";
        return new Frame.Axes(xr[0], xr[1], yr[0], yr[1], log, !realX, xTitle, yTitle);
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
