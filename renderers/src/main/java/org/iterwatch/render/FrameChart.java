package org.iterwatch.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart draws everything around the data: background, title, axis titles, ticks, tick labels, grid,
 * legend, log axis. It is given the axis ranges and one stand-in per series (values NaN, so nothing of it
 * is painted) instead of the data: XChart's cost grows with the data (its tick search walks all x values
 * for every candidate spacing), while the frame depends only on the ranges. The stand-ins' abscissae are
 * the x axis's ticks ({@link XTicks}), evenly spaced, so XChart puts its ticks there: the axis starts and
 * ends on a labelled tick. The data are then painted into {@link #plotArea()} by {@link ChartRenderer}.
 *
 * <p>Sizes are for a 1280 px wide picture and scale with it: Telegram shows such a photo about 360 CSS
 * px wide on a phone, where 32 px tick labels become 9 px text, the least that reads comfortably.
 */
final class FrameChart extends XYChart {
    static final Color TEXT = new Color(30, 30, 30);
    static final Color GRID = new Color(220, 220, 220);
    static final Color AXIS = new Color(110, 110, 110);
    private static final int TITLE_SIZE = 40;
    private static final int LABEL_SIZE = 32;
    private static final int AXIS_TITLE_SIZE = 30;
    /** Marker radius and line width for a 1280 px wide picture. */
    private static final double MARKER_RADIUS = 4.5;
    private static final double LINE_WIDTH = 2.5;
    /** Labels at least this far apart, so that numbers never touch on a phone. */
    private static final int X_TICK_SPACING = 150;
    /**
     * The share of the picture's width the plot is taken to have when the x ticks are chosen, before XChart has laid
     * it out: on the low side (wide value labels leave less), so that XChart never finds the labels too crowded and
     * leaves out every other one.
     */
    private static final double PLOT_SHARE = 0.75;

    private final DataRange range;
    private final XTicks xTicks;
    private final double scale;

    private FrameChart(int width, int height, DataRange data, Graphics2D g) {
        super(width, height);
        this.scale = Math.max(0.4, Math.min(width / 1280.0, height / 720.0));
        FontMetrics labels = g.getFontMetrics(labelFont());
        this.xTicks = XTicks.cover(data.xMin(), data.xMax(), data.wholeX(), PLOT_SHARE * width, px(X_TICK_SPACING),
                labels::stringWidth);
        this.range = data.withX(xTicks.first(), xTicks.last());
    }

    /**
     * A frame for {@code request} over {@code data}; {@code g} measures text so titles can be shortened to fit. The
     * x axis reaches from the tick at or before the data's start to the one at or after their end.
     */
    static FrameChart of(ChartRequest request, DataRange data, Graphics2D g) {
        FrameChart chart = new FrameChart(request.width(), request.height(), data, g);
        DataRange range = chart.range;
        // Faded earlier iterations (the Latest view) have no legend entry.
        List<PlotSeries> shown = request.series().subList(0,
                Math.max(0, request.series().size() - request.options().faded()));
        chart.style(shown.size() > 1);
        int padding = chart.getStyler().getChartPadding();
        int textWidth = request.width() - 2 * padding;
        // XChart pads the title box and draws antialiased text a little wider than these metrics measure it: the
        // title keeps a margin so that a long one ends in "…" inside the picture, not at its edge.
        int titleWidth = (int) ((textWidth - 2 * chart.getStyler().getChartTitlePadding()) * 0.95);
        chart.setTitle(Text.fit(g.getFontMetrics(chart.getStyler().getChartTitleFont()), request.title(), titleWidth));
        FontMetrics axisTitle = g.getFontMetrics(chart.getStyler().getAxisTitleFont());
        ChartOptions options = request.options();
        chart.setXAxisTitle(Text.fit(axisTitle, options.xAxisTitle() != null ? options.xAxisTitle()
                : range.realX() ? "x" : "point", textWidth));
        chart.setYAxisTitle(Text.fit(axisTitle, options.yAxisTitle() != null ? options.yAxisTitle() : "value",
                request.height() - 2 * padding));
        chart.standIns(shown);
        return chart;
    }

    double scale() {
        return scale;
    }

    private Font labelFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, px(LABEL_SIZE));
    }

    int px(double size) {
        return (int) Math.round(size * scale);
    }

    float markerRadius() {
        return (float) (MARKER_RADIUS * scale);
    }

    float lineHalfWidth() {
        return (float) (LINE_WIDTH * scale / 2);
    }

    private void style(boolean legend) {
        XYStyler s = getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(AXIS);
        s.setPlotBorderColor(AXIS);
        s.setPlotGridLinesColor(GRID);
        // Solid rather than XChart's dashed grid: dashes are slower to stroke and blur on a phone.
        s.setPlotGridLinesStroke(new BasicStroke((float) Math.max(1, 1.5 * scale)));
        s.setChartPadding(px(12));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, px(TITLE_SIZE)));
        s.setAxisTickLabelsFont(labelFont());
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, px(AXIS_TITLE_SIZE)));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, px(LABEL_SIZE)));
        s.setLegendVisible(legend);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(px(16));
        s.setLegendSeriesLineLength(px(40));
        s.setMarkerSize((int) Math.round(2 * MARKER_RADIUS * scale));
        s.setXAxisTickMarkSpacingHint(px(X_TICK_SPACING));
        s.setYAxisTickMarkSpacingHint(px(80));
        s.setXAxisTickLabelsFormattingFunction(xTicks::label);
        s.setYAxisLogarithmic(range.logY());
        s.setXAxisMin(range.xMin());
        s.setXAxisMax(range.xMax());
        s.setYAxisMin(range.yMin());
        s.setYAxisMax(range.yMax());
    }

    private void standIns(List<PlotSeries> series) {
        double[] x = xTicks.values();
        double[] y = new double[x.length];
        Arrays.fill(y, Double.NaN);
        Set<String> names = new HashSet<>();
        int count = Math.max(1, series.size());
        for (int i = 0; i < count; i++) {
            String name = i < series.size() && !series.get(i).name().isEmpty()
                    ? Html.shorten(series.get(i).name(), 40) : "series " + (i + 1);
            String unique = name;
            for (int k = 2; !names.add(unique); k++) {
                unique = name + " (" + k + ")";
            }
            XYSeries standIn = addSeries(unique, x, y);
            standIn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            standIn.setMarker(SeriesMarkers.CIRCLE);
            standIn.setMarkerColor(ChartRenderer.marker(i));
            standIn.setLineColor(ChartRenderer.line(i));
            standIn.setLineStyle(new BasicStroke(2 * lineHalfWidth()));
        }
    }

    /** The x axis's labels as XChart drew them, known once {@link #paint} has laid the chart out. */
    List<String> xTickLabels() {
        return List.copyOf(axisPair.getXAxis().getAxisTickCalculator().getTickLabels());
    }

    /** XChart's plot rectangle, known once {@link #paint} has laid the chart out. */
    Rectangle2D plotBounds() {
        return plot.getBounds();
    }

    /**
     * The plot's inside in pixels, with the values at its edge pixels, so that {@link PlotArea#pixelX}
     * and {@link PlotArea#pixelY} land where XChart would put a point. XChart maps the axis range onto
     * the middle {@code plotContentSize} of the plot rectangle (the rest is margin, split evenly) and
     * paints in Java2D coordinates, where pixel i spans [i, i + 1): its centre is i + 0.5.
     */
    PlotArea plotArea() {
        Rectangle2D b = plotBounds();
        double content = getStyler().getPlotContentSize();
        double xSpace = content * b.getWidth();
        double xMargin = ((int) b.getWidth() - xSpace) / 2;
        double ySpace = content * b.getHeight();
        double yMargin = ((int) b.getHeight() - ySpace) / 2;
        // one pixel in from XChart's border line
        int left = (int) Math.ceil(b.getX()) + 1;
        int right = (int) Math.floor(b.getMaxX()) - 2;
        int top = (int) Math.ceil(b.getY()) + 1;
        int bottom = (int) Math.floor(b.getMaxY()) - 2;
        double xSpan = range.xMax() - range.xMin();
        double xAtLeft = range.xMin() + (left + 0.5 - b.getX() - xMargin) / xSpace * xSpan;
        double xAtRight = range.xMin() + (right + 0.5 - b.getX() - xMargin) / xSpace * xSpan;
        boolean log = range.logY();
        double lo = log ? Math.log10(range.yMin()) : range.yMin();
        double hi = log ? Math.log10(range.yMax()) : range.yMax();
        double yAtBottom = lo + (b.getMaxY() - (bottom + 0.5) - yMargin) / ySpace * (hi - lo);
        double yAtTop = lo + (b.getMaxY() - (top + 0.5) - yMargin) / ySpace * (hi - lo);
        return new PlotArea(left, top, right, bottom, xAtLeft, xAtRight,
                log ? Math.pow(10, yAtBottom) : yAtBottom, log ? Math.pow(10, yAtTop) : yAtTop, log);
    }
}
