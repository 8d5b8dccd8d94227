package org.iterwatch.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The monitors that read in this process, and the stop requests their readers ask between polls. A stop is
 * kept here by monitor id, not on the reader, so that it also holds for a reader a tick is still creating.
 */
final class LiveMonitors {
    private final Map<Long, LiveMonitor> live = new ConcurrentHashMap<>();
    private final Set<Long> stopped = ConcurrentHashMap.newKeySet();
    private final Function<String, TopicReader> readers;
    /** The active side is stopping: every read ends at its next poll. */
    private volatile boolean halted;

    /** @param readers makes a reader for a topic, reading it from its beginning */
    LiveMonitors(Function<String, TopicReader> readers) {
        this.readers = readers;
    }

    /** The monitor, reading its topic from the beginning when it is not in memory yet. */
    LiveMonitor obtain(long id, String topic) {
        return live.computeIfAbsent(id, k -> new LiveMonitor(readers.apply(topic)));
    }

    Optional<LiveMonitor> get(long id) {
        return Optional.ofNullable(live.get(id));
    }

    MonitorSnapshot snapshot(long id) {
        LiveMonitor m = live.get(id);
        return m == null ? MonitorSnapshot.NONE : m.snapshot();
    }

    boolean reconnecting(long id) {
        LiveMonitor m = live.get(id);
        return m != null && m.supervision().reconnecting;
    }

    /** Asked by a reading tick between polls. */
    boolean stopRequested(long id) {
        return halted || stopped.contains(id);
    }

    /** /stop: the reading tick ends at its next poll; what was read stays, for /start to go on from. */
    void stop(long id) {
        stopped.add(id);
    }

    /** /start: reading may go on, with a fresh supervision. */
    void resume(long id) {
        stopped.remove(id);
        get(id).ifPresent(LiveMonitor::freshSupervision);
    }

    /** The monitor reads no more in this process (removed or failed): its consumer is closed. */
    void retire(long id) {
        stopped.remove(id);
        LiveMonitor m = live.remove(id);
        if (m != null) {
            m.retire();
        }
    }

    /** The active side stops: reads end at their next poll and no new tick reads until {@link #unhalt()}. */
    void halt() {
        halted = true;
    }

    void unhalt() {
        halted = false;
    }

    /** Forgets every series: they are read again from Kafka at the next start. */
    void retireAll() {
        List.copyOf(live.keySet()).forEach(this::retire);
    }
}
