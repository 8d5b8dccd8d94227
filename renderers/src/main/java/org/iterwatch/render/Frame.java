package org.iterwatch.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything around the data: title, legend, grid, axes, tick labels, axis titles. Sizes are for a
 * 1280 px wide picture and scale with it: Telegram shows such a photo about 360 CSS px wide on a
 * phone, where 32 px tick labels become 9 px text, the least that reads comfortably.
 */
final class Frame {
    static final Color TEXT = new Color(30, 30, 30);
    static final Color GRID = new Color(228, 228, 228);
    static final Color AXIS = new Color(110, 110, 110);
    private static final int TITLE_SIZE = 40;
    private static final int LABEL_SIZE = 32;
    private static final int AXIS_TITLE_SIZE = 30;

    /** A legend entry: the series' name and colours. */
    record Entry(String name, Color marker, Color line) {
    }

    /** The value ranges to show (already padded) and how to label them. */
    record Axes(double xMin, double xMax, double yMin, double yMax, boolean logY, boolean integerX, String xTitle,
                String yTitle) {
    }

    private final Graphics2D g;
    private final int width;
    private final int height;
    private final double scale;
    private final Font titleFont;
    private final Font labelFont;
    private final Font axisTitleFont;

    Frame(Graphics2D g, int width, int height) {
        this.g = g;
        this.width = width;
        this.height = height;
        this.scale = Math.max(0.4, Math.min(width / 1280.0, height / 720.0));
        this.titleFont = new Font(Font.SANS_SERIF, Font.BOLD, px(TITLE_SIZE));
        this.labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, px(LABEL_SIZE));
        this.axisTitleFont = new Font(Font.SANS_SERIF, Font.PLAIN, px(AXIS_TITLE_SIZE));
    }

    int px(double size) {
        return (int) Math.round(size * scale);
    }

    double scale() {
        return scale;
    }

    PlotArea paint(String title, List<Entry> legend, Axes axes) {
        int margin = px(14);
        int gap = px(8);
        FontMetrics tm = g.getFontMetrics(titleFont);
        FontMetrics lm = g.getFontMetrics(labelFont);
        FontMetrics am = g.getFontMetrics(axisTitleFont);
        int top = margin + tm.getHeight() + gap + (legend.isEmpty() ? 0 : lm.getHeight() + gap) + lm.getAscent() / 2;
        int bottom = height - margin - am.getHeight() - gap - lm.getHeight() - gap;
        List<Double> yTicks = axes.logY() ? Ticks.log(axes.yMin(), axes.yMax())
                : Ticks.linear(axes.yMin(), axes.yMax(), Math.max(2, Math.min(8, (bottom - top) / (lm.getHeight() * 3))));
        List<String> yLabels = labels(yTicks, axes.logY());
        int yLabelWidth = yLabels.stream().mapToInt(lm::stringWidth).max().orElse(0);
        int left = margin + am.getHeight() + gap + yLabelWidth + gap;
        int right = width - margin - px(30);
        PlotArea area = new PlotArea(left, top, right, bottom, axes.xMin(), axes.xMax(), axes.yMin(), axes.yMax(), axes.logY());

        List<Double> xTicks = xTicks(axes, lm, right - left);
        List<String> xLabels = labels(xTicks, false);
        grid(area, xTicks, yTicks);
        g.setFont(labelFont);
        g.setColor(TEXT);
        for (int i = 0; i < yTicks.size(); i++) {
            int y = (int) Math.round(area.pixelY(yTicks.get(i)));
            g.drawString(yLabels.get(i), left - gap - lm.stringWidth(yLabels.get(i)), y + lm.getAscent() / 2 - px(2));
        }
        for (int i = 0; i < xTicks.size(); i++) {
            int x = (int) Math.round(area.pixelX(xTicks.get(i)));
            String label = xLabels.get(i);
            int lx = Math.min(width - margin - lm.stringWidth(label), Math.max(margin, x - lm.stringWidth(label) / 2));
            g.drawString(label, lx, bottom + gap + lm.getAscent());
        }
        g.setFont(axisTitleFont);
        String xTitle = Text.fit(am, axes.xTitle(), right - left);
        g.drawString(xTitle, (left + right - am.stringWidth(xTitle)) / 2, height - margin - am.getDescent());
        String yTitle = Text.fit(am, axes.yTitle(), bottom - top);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -(top + bottom + am.stringWidth(yTitle)) / 2, margin + am.getAscent());
        g.setTransform(saved);
        g.setFont(titleFont);
        String shown = Text.fit(tm, title, width - 2 * margin);
        g.drawString(shown, (width - tm.stringWidth(shown)) / 2, margin + tm.getAscent());
        legend(legend, lm, margin + tm.getHeight() + gap, margin);
        return area;
    }

    private void grid(PlotArea area, List<Double> xTicks, List<Double> yTicks) {
        g.setStroke(new BasicStroke(Math.max(1, px(1.5))));
        g.setColor(GRID);
        for (double t : yTicks) {
            int y = (int) Math.round(area.pixelY(t));
            g.drawLine(area.left(), y, area.right(), y);
        }
        for (double t : xTicks) {
            int x = (int) Math.round(area.pixelX(t));
            g.drawLine(x, area.top(), x, area.bottom());
        }
        g.setColor(AXIS);
        g.setStroke(new BasicStroke(Math.max(1, px(2))));
        g.drawLine(area.left() - 1, area.top(), area.left() - 1, area.bottom() + 1);
        g.drawLine(area.left() - 1, area.bottom() + 1, area.right(), area.bottom() + 1);
    }

    private List<Double> xTicks(Axes axes, FontMetrics lm, int plotWidth) {
        int widest = Math.max(lm.stringWidth(Ticks.label(axes.xMax(), 1)), lm.stringWidth(Ticks.label(axes.xMin(), 1)));
        int target = Math.max(2, Math.min(10, plotWidth / Math.max(1, widest * 2 + px(20))));
        List<Double> ticks = Ticks.linear(axes.xMin(), axes.xMax(), target);
        if (axes.integerX()) {
            ticks = new ArrayList<>(ticks.stream().filter(t -> t == Math.rint(t)).toList());
        }
        return ticks;
    }

    private static List<String> labels(List<Double> ticks, boolean log) {
        List<String> labels = new ArrayList<>(ticks.size());
        double step = ticks.size() > 1 ? Math.abs(ticks.get(1) - ticks.get(0)) : 1;
        for (double t : ticks) {
            labels.add(Ticks.label(t, log ? t : step));
        }
        return labels;
    }

    private void legend(List<Entry> entries, FontMetrics lm, int top, int margin) {
        if (entries.isEmpty()) {
            return;
        }
        int sample = px(44);
        int gap = px(24);
        int available = width - 2 * margin - entries.size() * (sample + gap);
        int each = Math.max(px(40), available / entries.size());
        int x = margin;
        int mid = top + lm.getHeight() / 2;
        g.setFont(labelFont);
        for (Entry e : entries) {
            g.setColor(e.line());
            g.setStroke(new BasicStroke(px(3)));
            g.drawLine(x, mid, x + sample, mid);
            g.setColor(e.marker());
            int r = px(6);
            g.fillOval(x + sample / 2 - r, mid - r, 2 * r, 2 * r);
            g.setColor(TEXT);
            String name = Text.fit(lm, e.name(), each);
            g.drawString(name, x + sample + px(8), top + lm.getAscent());
            x += sample + px(8) + lm.stringWidth(name) + gap;
        }
    }
}
