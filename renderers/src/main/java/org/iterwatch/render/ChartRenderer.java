package org.iterwatch.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws progress charts: a red marker for every value and a blue line through them. */
public final class ChartRenderer {
    public static final Color POINT_RED = new Color(220, 20, 20);
    public static final Color LINE_BLUE = new Color(20, 60, 220);

    public RenderedChart render(ChartRequest request) {
        XYChart chart = new XYChartBuilder().width(request.width()).height(request.height())
                .title(request.title()).xAxisTitle("point").yAxisTitle("value").build();
        style(chart, request.series().size() > 1);
        List<PlotSeries> series = request.series();
        for (int i = 0; i < series.size(); i++) {
            add(chart, series.get(i), i);
        }
        BufferedImage image = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            chart.paint(g, request.width(), request.height());
        } finally {
            g.dispose();
        }
        return new RenderedChart(PngEncoder.encode(image, request.title()), request.title(), request.width(), request.height());
    }

    private static void style(XYChart chart, boolean legend) {
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendVisible(legend);
        // Sizes chosen to stay readable when Telegram scales a 1280 px photo to a phone's width.
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        styler.setMarkerSize(8);
    }

    private static void add(XYChart chart, PlotSeries s, int index) {
        String name = s.name().isEmpty() ? (index == 0 ? " " : "series " + (index + 1)) : s.name();
        double[] x = s.x() != null ? s.x() : ordinals(s.size());
        double[] y = s.y();
        if (y.length == 0) {
            x = new double[] {0};
            y = new double[] {Double.NaN};
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(index == 0 ? POINT_RED : Palette.marker(index));
        series.setLineColor(index == 0 ? LINE_BLUE : Palette.line(index));
        series.setLineStyle(new BasicStroke(2f));
    }

    private static double[] ordinals(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
