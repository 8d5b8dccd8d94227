package org.iterwatch.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.PreviousRun;
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
    private final Convergence convergence;
    private final PreviousRun previous;
    private final ChartView view;
    private final String contentHash;

    private record Frame(MonitorSnapshot snapshot, String hash, Plots plots) {
    }

    /** What one view draws, copied under the tick lock. */
    private record Copied(List<PlotSeries> all, LatestLines newest, List<Deltas.Delta> deltas) implements Plots {
        @Override
        public LatestLines latest(int count) {
            return newest;
        }
    }

    /** Only on the tick that holds {@code monitor}. */
    MonitorDrawing(ChartRenderer renderer, LiveMonitor monitor, MonitorRow row, MonitorState state, boolean coordinates,
                   Convergence convergence, PreviousRun previous, ChartView view) {
        this.renderer = renderer;
        this.monitor = monitor;
        this.row = row;
        this.state = state;
        this.coordinates = coordinates;
        this.convergence = convergence;
        this.previous = view.hidePrevious() ? null : previous;
        this.view = view;
        this.contentHash = hash(monitor.reader(), key(monitor.reader().snapshot()));
    }

    @Override
    public String contentHash() {
        return contentHash;
    }

    @Override
    public Optional<ChartPicture> draw(String shownHash) {
        Frame frame = monitor.read(reader -> {
            MonitorSnapshot snapshot = reader.snapshot();
            String hash = hash(reader, key(snapshot));
            return hash.equals(shownHash) ? null : new Frame(snapshot, hash, copy(reader));
        });
        if (frame == null) {
            return Optional.empty();
        }
        RenderedChart chart = renderer.render(Publisher.request(name(), view, frame.plots(), frame.snapshot().progress(),
                previous, convergence != null));
        String caption = Publisher.caption(row, state, frame.snapshot(), convergence, chart.outliers(), chart.nonFinite(),
                previous);
        return Optional.of(new ChartPicture(chart.png(), caption, frame.hash()));
    }

    /**
     * The caption without what only drawing tells (the values marked at the edge follow from the data anyway), and
     * the view: the buttons mark it, so another view is another content.
     */
    private String key(MonitorSnapshot snapshot) {
        return Publisher.caption(row, state, snapshot, convergence, 0, 0, previous) + '\n' + view;
    }

    private Plots copy(TopicReader reader) {
        boolean delta = view.kind() == ChartView.Kind.DELTA && convergence != null;
        LatestLines newest = view.kind() == ChartView.Kind.LATEST ? reader.latest(coordinates, Publisher.LATEST)
                : LatestLines.NONE;
        boolean all = !delta && newest.lines().isEmpty();
        return new Copied(all ? reader.plot(coordinates) : List.of(), newest,
                delta ? List.copyOf(reader.deltas()) : null);
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
