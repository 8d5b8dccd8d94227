package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rule of a live monitor: one tick at a time holds its reader, and nothing else waits for that tick.
 * A stop, a snapshot and a retirement answer at once while a tick holds the reader; a retired reader is
 * closed exactly when no tick uses it any more. Real Kafka clients, pointed at a port where nothing
 * listens (these tests never read).
 */
class LiveMonitorTest {
    static final String NOWHERE = "127.0.0.1:9";
    static final long ID = 7;
    final TopicCatalog catalog = new TopicCatalog(NOWHERE);
    TopicReader reader;

    final LiveMonitors live = new LiveMonitors(topic -> reader = new TopicReader(topic,
            new KafkaConsumer<>(KafkaSettings.consumer(NOWHERE, "live-monitor-test", 1024)), catalog,
            new RecordDecoder(new RecordParser(10), 1024), 1000));

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
        catalog.close();
    }

    @Test
    void aMonitorRetiredWhileNoTickHoldsItIsClosedAtOnceAndTakenByNoTickAfter() {
        LiveMonitor monitor = live.obtain(ID, "t");

        live.retire(ID);

        assertThat(reader.closed()).isTrue();
        assertThat(monitor.enter()).as("a tick after the retirement").isFalse();
        assertThat(live.get(ID)).isEmpty();
    }

    @Test
    void whileATickHoldsTheReaderStopSnapshotAndRetireAnswerAtOnceAndTheTickClosesItAsItLeaves() throws Exception {
        LiveMonitor monitor = live.obtain(ID, "t");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean closedDuringTick = new AtomicBoolean();
        AtomicBoolean retiredSeenByTick = new AtomicBoolean();
        Thread tick = new Thread(() -> {
            monitor.enter();
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            retiredSeenByTick.set(monitor.retired());
            closedDuringTick.set(reader.closed());
            monitor.leave();
        }, "tick");
        tick.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        // The tick holds the reader for up to 30 s: answering within 5 s is "at once", even on a loaded machine.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(live.snapshot(ID)).isEqualTo(MonitorSnapshot.NONE);
            live.stop(ID);
            assertThat(live.stopRequested(ID)).as("the stop, which the tick asks between polls").isTrue();
            live.retire(ID);
        }, "stop, snapshot and retire while a tick holds the reader");
        release.countDown();
        tick.join(30_000);

        assertThat(retiredSeenByTick).as("the retirement, which the tick asks between polls too").isTrue();
        assertThat(closedDuringTick).as("closed under the tick's feet").isFalse();
        assertThat(reader.closed()).as("closed once the tick left").isTrue();
    }

    @Test
    void aRepeatWhileATickHoldsTheReaderLeavesAtOnceAndARetiredMonitorTakesNone() throws Exception {
        LiveMonitor monitor = live.obtain(ID, "t");
        assertThat(monitor.enter()).isTrue();
        AtomicBoolean repeatEntered = new AtomicBoolean(true);
        Thread repeat = new Thread(() -> repeatEntered.set(monitor.tryEnter()), "repeat");
        repeat.start();
        repeat.join(30_000);

        assertThat(repeat.isAlive()).as("the repeat waited").isFalse();
        assertThat(repeatEntered).as("a repeat while a tick reads").isFalse();
        monitor.leave();
        assertThat(monitor.tryEnter()).as("once the tick left").isTrue();
        monitor.leave();
        live.retire(ID);
        assertThat(monitor.tryEnter()).as("after the retirement").isFalse();
        assertThat(reader.closed()).isTrue();
    }

    @Test
    void aTickThatRetiresItsOwnMonitorKeepsTheReaderUntilItLeaves() {
        LiveMonitor monitor = live.obtain(ID, "t");
        assertThat(monitor.enter()).isTrue();

        live.retire(ID); // a monitor failing for good, within its own tick

        assertThat(reader.closed()).as("still used to draw the failed chart").isFalse();
        monitor.leave();
        assertThat(reader.closed()).isTrue();
    }

    @Test
    void aStopHoldsForAReaderNotCreatedYetAndStartLiftsIt() {
        live.stop(ID);
        live.obtain(ID, "t");
        assertThat(live.stopRequested(ID)).isTrue();

        live.resume(ID);

        assertThat(live.stopRequested(ID)).isFalse();
    }
}
