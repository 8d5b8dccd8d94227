package org.iterwatch.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The /board picture: a tile per monitor with its topic, state, point count, age of the last update
 * and a sparkline. 1280 px wide, the most Telegram shows of a photo's long side, so a tablet shows it
 * pixel for pixel; with more monitors the tiles get smaller but the text never below 22 px.
 */
public final class StatusBoard {
    public static final int WIDTH = 1280;
    static final int MIN_FONT = 22;
    private static final int MARGIN = 16;
    private static final int HEADER = 72;
    private static final Color TILE = new Color(244, 245, 247);
    private static final Color OK = new Color(30, 150, 60);
    private static final Color IDLE = new Color(140, 140, 140);
    private static final Color ALERT = new Color(215, 30, 30);

    /** Where the tiles go and how big their text is. */
    record Layout(int width, int height, int columns, int fontSize, List<Rectangle> tiles) {
        static Layout of(int count) {
            int columns = count <= 1 ? 1 : count <= 4 ? 2 : count <= 9 ? 3 : count <= 16 ? 4 : 5;
            int rows = Math.max(1, (count + columns - 1) / columns);
            int tileWidth = (WIDTH - MARGIN * (columns + 1)) / columns;
            int fontSize = Math.max(MIN_FONT, Math.min(44, tileWidth / 13));
            int tileHeight = Math.max(fontSize * 9, Math.min(tileWidth * 3 / 5, 520));
            List<Rectangle> tiles = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int x = MARGIN + (i % columns) * (tileWidth + MARGIN);
                int y = HEADER + (i / columns) * (tileHeight + MARGIN);
                tiles.add(new Rectangle(x, y, tileWidth, tileHeight));
            }
            int height = Math.max(300, HEADER + rows * (tileHeight + MARGIN));
            return new Layout(WIDTH, height, columns, fontSize, tiles);
        }
    }

    public RenderedChart render(List<BoardTile> monitors, Instant now) {
        Layout layout = Layout.of(monitors.size());
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        String title = "Monitors \u2014 " + monitors.size() + " \u00b7 " + StatusText.when(now);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 36);
            g.setFont(titleFont);
            g.setColor(FrameChart.TEXT);
            FontMetrics tm = g.getFontMetrics();
            g.drawString(Text.fit(tm, title, layout.width() - 2 * MARGIN), MARGIN, (HEADER + tm.getAscent() - tm.getDescent()) / 2);
            if (monitors.isEmpty()) {
                g.setColor(IDLE);
                g.drawString("No monitors yet.", MARGIN, HEADER + tm.getAscent() + MARGIN);
            }
            for (int i = 0; i < monitors.size(); i++) {
                tile(g, image, layout.tiles().get(i), monitors.get(i), layout.fontSize(), now);
            }
        } finally {
            g.dispose();
        }
        byte[] png = PngEncoder.encode(image, title,
                List.of(Color.WHITE, TILE, FrameChart.TEXT, OK, IDLE, ALERT, ChartRenderer.LINE_BLUE, ChartRenderer.POINT_RED));
        return new RenderedChart(png, title, layout.width(), layout.height());
    }

    private static void tile(Graphics2D g, BufferedImage image, Rectangle r, BoardTile m, int size, Instant now) {
        int pad = size / 2;
        g.setColor(TILE);
        g.fillRoundRect(r.x, r.y, r.width, r.height, pad, pad);
        Color tone = switch (m.tone()) {
            case OK -> OK;
            case IDLE -> IDLE;
            case ALERT -> ALERT;
        };
        g.setColor(tone);
        g.fillRect(r.x, r.y + pad / 2, Math.max(4, size / 4), r.height - pad);
        int left = r.x + pad + size / 4;
        int textWidth = r.x + r.width - pad - left;
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, size);
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, size);
        g.setFont(bold);
        FontMetrics fm = g.getFontMetrics();
        int line = fm.getHeight();
        int y = r.y + pad + fm.getAscent();
        g.setColor(FrameChart.TEXT);
        g.drawString(Text.fit(fm, m.topic(), textWidth), left, y);
        g.setFont(plain);
        fm = g.getFontMetrics();
        y += line;
        g.setColor(tone);
        g.drawString(Text.fit(fm, m.state(), textWidth), left, y);
        y += line;
        g.setColor(FrameChart.TEXT);
        g.drawString(Text.fit(fm, m.points() + " points", textWidth), left, y);
        y += line;
        g.drawString(Text.fit(fm, "updated " + StatusText.age(m.lastUpdate(), now), textWidth), left, y);
        int sparkTop = y + fm.getDescent() + pad / 2;
        int sparkBottom = r.y + r.height - pad;
        if (sparkBottom - sparkTop > size) {
            sparkline(image, new Rectangle(left, sparkTop, textWidth, sparkBottom - sparkTop), m.recent(), size);
        }
    }

    private static void sparkline(BufferedImage image, Rectangle box, double[] recent, int size) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int last = -1;
        for (int i = 0; i < recent.length; i++) {
            if (Double.isFinite(recent[i])) {
                min = Math.min(min, recent[i]);
                max = Math.max(max, recent[i]);
                last = i;
            }
        }
        if (last < 0) {
            return;
        }
        double[] y = padded(min, max);
        int inset = size / 5 + 1;
        PlotArea area = new PlotArea(box.x + inset, box.y + inset, box.x + box.width - 1 - inset,
                box.y + box.height - 1 - inset, 0.5, recent.length + 0.5, y[0], y[1], false);
        Projection p = Projection.of(PlotSeries.ordinal(recent), area, recent.length > area.plotWidth());
        Raster raster = new Raster(image, area);
        LineMask mask = new LineMask(area);
        float half = Math.max(1f, size / 14f);
        mask.polyline(p, half);
        mask.paint(raster, ChartRenderer.LINE_BLUE.getRGB());
        if (p.dense()) {
            for (int c = 0; c < p.lo().length; c++) {
                if (!Float.isNaN(p.lo()[c])) {
                    raster.column(area.left() + c, Math.round(p.lo()[c] - half), Math.round(p.hi()[c] + half),
                            ChartRenderer.LINE_BLUE.getRGB());
                }
            }
        }
        raster.stamp(Raster.Sprite.disc(size / 5f), Math.round((float) area.pixelX(last + 1)),
                Math.round((float) area.pixelY(recent[last])), ChartRenderer.POINT_RED.getRGB());
    }

    /** The sparkline's value range, widened so its extremes stay off the tile's edge. */
    private static double[] padded(double min, double max) {
        double pad = max > min ? (max - min) * 0.05 : min == 0 ? 1 : Math.abs(min) * 0.1;
        return new double[] {min - pad, max + pad};
    }
}
