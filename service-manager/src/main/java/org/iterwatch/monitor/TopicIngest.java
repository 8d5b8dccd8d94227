package org.iterwatch.monitor;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.iterwatch.config.Monitors;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.RenderedChart;

/**
 * Reads a whole topic into a series exactly as a monitor does, without scheduling or chats: for
 * exports of stopped monitors and for measuring ingest.
 */
public final class TopicIngest implements AutoCloseable {
    private final TopicCatalog catalog;
    private final boolean ownsCatalog;
    private final TopicReader reader;

    public TopicIngest(String bootstrapServers, String topic, Monitors settings) {
        this(new TopicCatalog(bootstrapServers), true, bootstrapServers, topic, settings);
    }

    TopicIngest(TopicCatalog catalog, boolean ownsCatalog, String bootstrapServers, String topic, Monitors settings) {
        this.catalog = catalog;
        this.ownsCatalog = ownsCatalog;
        this.reader = new TopicReader(topic,
                new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, "iterwatch-read-" + topic,
                        settings.maxRecordBytes())),
                catalog, new RecordDecoder(new RecordParser(settings.maxPoints()), settings.maxRecordBytes()),
                settings.maxPointsPerMonitor());
    }

    /**
     * Reads up to the end offsets as they are now.
     *
     * @return the points in the series
     */
    public long readAll(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        do {
            reader.catchUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> false);
        } while (!reader.caughtUp() && System.nanoTime() < deadline);
        if (!reader.caughtUp()) {
            throw new MonitorException(MonitorMessages.readTooLong(budget));
        }
        return reader.snapshot().points();
    }

    /** The chart a monitor would show now. */
    public RenderedChart render(ChartRenderer renderer, XAxis xAxis) {
        return renderer.render(Publisher.request(reader.topic(), reader.plot(xAxis == XAxis.COORDINATES)));
    }

    /**
     * What a monitor with {@code converge=} works out at the end of each read: the change of every iteration
     * against the one before, the rate and the iterations left; null before two iterations.
     */
    public Convergence convergence(double tolerance) {
        return Deltas.convergence(reader.deltas(), tolerance);
    }

    /** The series as CSV: series, iteration, index, x, value. */
    public String csv() {
        return reader.csv();
    }

    public long skipped() {
        return reader.snapshot().skipped();
    }

    @Override
    public void close() {
        reader.close();
        if (ownsCatalog) {
            catalog.close();
        }
    }
}
