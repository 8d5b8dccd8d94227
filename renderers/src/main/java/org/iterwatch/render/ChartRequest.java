package org.iterwatch.render;

import java.util.List;

/** What to draw: a title, the series, the picture's size in pixels and how to draw it. */
public record ChartRequest(String title, List<PlotSeries> series, int width, int height, ChartOptions options) {
    /** Landscape 16:9: Telegram shows it at a phone's full width. */
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 720;
    /** A tablet shows a taller picture at more than 1 000 px width without scaling text away. */
    public static final int TABLET_WIDTH = 1600;
    public static final int TABLET_HEIGHT = 1000;

    public ChartRequest {
        series = List.copyOf(series);
        options = options == null ? ChartOptions.DEFAULT : options;
        // Telegram's photo rules: width + height ≤ 10 000 and a side ratio of at most 20.
        if (width < 100 || height < 100 || width + height > 10_000 || Math.max(width, height) > 20L * Math.min(width, height)) {
            throw new IllegalArgumentException("chart size " + width + "x" + height + " is outside Telegram's photo rules");
        }
    }

    public ChartRequest(String title, List<PlotSeries> series, int width, int height) {
        this(title, series, width, height, ChartOptions.DEFAULT);
    }

    public static ChartRequest progress(String topic, List<PlotSeries> series) {
        return progress(topic, series, ChartOptions.DEFAULT);
    }

    public static ChartRequest progress(String topic, List<PlotSeries> series, ChartOptions options) {
        long points = series.stream().mapToLong(PlotSeries::points).sum();
        return new ChartRequest(Titles.progress(topic, points), series, DEFAULT_WIDTH, DEFAULT_HEIGHT, options);
    }

    public ChartRequest withSize(int newWidth, int newHeight) {
        return new ChartRequest(title, series, newWidth, newHeight, options);
    }

    public ChartRequest withOptions(ChartOptions newOptions) {
        return new ChartRequest(title, series, width, height, newOptions);
    }

    /** Points drawn, the same count the progress title states. */
    public long points() {
        return series.stream().mapToLong(PlotSeries::points).sum();
    }
}
