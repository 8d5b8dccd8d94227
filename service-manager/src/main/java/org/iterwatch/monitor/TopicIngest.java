package org.iterwatch.monitor;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.iterwatch.config.Monitors;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.RenderedChart;

/**
 * Reads a whole topic into a series exactly as a monitor does, without scheduling or chats: for
 * exports of stopped monitors and for measuring ingest.
 */
public final class TopicIngest implements AutoCloseable {
    private final TopicCatalog catalog;
    private final boolean ownsCatalog;
    private final MonitorRuntime runtime;

    public TopicIngest(String bootstrapServers, String topic, Monitors settings) {
        this(new TopicCatalog(bootstrapServers), true, bootstrapServers, topic, settings);
    }

    TopicIngest(TopicCatalog catalog, boolean ownsCatalog, String bootstrapServers, String topic, Monitors settings) {
        this.catalog = catalog;
        this.ownsCatalog = ownsCatalog;
        this.runtime = new MonitorRuntime(topic,
                new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, "iterwatch-read-" + topic,
                        settings.maxRecordBytes())),
                new RecordParser(settings.maxPoints()), catalog, settings);
    }

    /**
     * Reads up to the end offsets as they are now.
     *
     * @return the points in the series
     */
    public long readAll(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        do {
            runtime.catchUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } while (!runtime.caughtUp() && System.nanoTime() < deadline);
        if (!runtime.caughtUp()) {
            throw new MonitorException(MonitorMessages.readTooLong(budget));
        }
        return runtime.points();
    }

    /** The chart a monitor would show now. */
    public RenderedChart render(ChartRenderer renderer, XAxis xAxis) {
        MonitorRuntime.Snapshot s = runtime.snapshot(xAxis == XAxis.COORDINATES);
        return renderer.render(Publisher.request(runtime.topic(), s));
    }

    /** The series as CSV: series, iteration, index, x, value. */
    public String csv() {
        return runtime.csv();
    }

    public long skipped() {
        return runtime.snapshot(false).skipped();
    }

    @Override
    public void close() {
        runtime.close();
        if (ownsCatalog) {
            catalog.close();
        }
    }
}
