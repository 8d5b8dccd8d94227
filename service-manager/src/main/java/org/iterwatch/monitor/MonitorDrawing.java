package org.iterwatch.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.RenderedChart;

/**
 * A monitor's chart as a draft: the state and settings of the tick that made it, the data of the moment it is
 * drawn. The series is copied under the monitor's tick lock (so a draw sees the end of a tick, never the middle
 * of one) and rendered outside it.
 */
final class MonitorDrawing implements ChartDraft {
    private final ChartRenderer renderer;
    private final LiveMonitor monitor;
    private final MonitorRow row;
    private final MonitorState state;
    private final boolean coordinates;
    private final String contentHash;

    private record Frame(String caption, String hash, List<PlotSeries> plot) {
    }

    /** Only on the tick that holds {@code monitor}. */
    MonitorDrawing(ChartRenderer renderer, LiveMonitor monitor, MonitorRow row, MonitorState state, boolean coordinates) {
        this.renderer = renderer;
        this.monitor = monitor;
        this.row = row;
        this.state = state;
        this.coordinates = coordinates;
        this.contentHash = hash(monitor.reader(), Publisher.caption(row, state, monitor.reader().snapshot()));
    }

    @Override
    public String contentHash() {
        return contentHash;
    }

    @Override
    public Optional<ChartPicture> draw(String shownHash) {
        Frame frame = monitor.read(reader -> {
            String caption = Publisher.caption(row, state, reader.snapshot());
            String hash = hash(reader, caption);
            return hash.equals(shownHash) ? null : new Frame(caption, hash, reader.plot(coordinates));
        });
        if (frame == null) {
            return Optional.empty();
        }
        RenderedChart chart = renderer.render(Publisher.request(name(), frame.plot()));
        return Optional.of(new ChartPicture(chart.png(), frame.caption(), frame.hash()));
    }

    private String name() {
        return row.title() == null ? row.topic() : row.title();
    }

    /**
     * Identifies the picture without drawing it: the same run of the same topic at the same version, with the
     * same caption, title and axis, is the same chart (a rebuild after a restart reaches the same version).
     */
    private String hash(TopicReader reader, String caption) {
        Generation generation = reader.generation();
        String key = String.join("\n", "chart/1", name(), caption, generation.text(),
                Long.toString(reader.snapshot().version()), Boolean.toString(coordinates));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IterwatchException("SHA-256 is missing from this JVM", e);
        }
    }
}
