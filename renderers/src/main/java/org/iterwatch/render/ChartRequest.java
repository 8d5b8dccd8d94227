package org.iterwatch.render;

import java.util.List;

/** What to draw: a title, the series, and the picture's size in pixels. */
public record ChartRequest(String title, List<PlotSeries> series, int width, int height) {
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 720;

    public ChartRequest {
        series = List.copyOf(series);
        if (width < 100 || height < 100 || width + height > 10_000) {
            throw new IllegalArgumentException("chart size " + width + "x" + height + " is outside Telegram's photo rules");
        }
    }

    public static ChartRequest progress(String topic, List<PlotSeries> series) {
        long points = series.stream().mapToLong(PlotSeries::size).sum();
        return new ChartRequest(Titles.progress(topic, points), series, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public long points() {
        return series.stream().mapToLong(PlotSeries::size).sum();
    }
}
