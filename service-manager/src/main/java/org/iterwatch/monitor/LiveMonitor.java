package org.iterwatch.monitor;

import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A monitor that reads in this process: its reader and its supervision.
 *
 * <p>One tick at a time works with it: the tick lock keeps that rule (a repeat that finds it taken is skipped)
 * and carries the reader's state from one worker thread to the next. Nothing else waits for that lock for
 * long: commands read the reader's published snapshot, a stop is a flag the reader asks between polls, and a
 * monitor retired while a tick reads is closed by that tick as it leaves.
 */
final class LiveMonitor {
    private final TopicReader reader;
    private final ReentrantLock tick = new ReentrantLock();
    private volatile boolean retired;
    private volatile Supervision supervision = new Supervision();

    LiveMonitor(TopicReader reader) {
        this.reader = reader;
    }

    /** Takes the reader for one tick (or an export); false when the monitor was retired meanwhile. */
    boolean enter() {
        tick.lock();
        if (retired) {
            leave();
            return false;
        }
        return true;
    }

    /** As {@link #enter()}, but false at once while another tick holds the reader. */
    boolean tryEnter() {
        if (!tick.tryLock()) {
            return false;
        }
        if (retired) {
            leave();
            return false;
        }
        return true;
    }

    void leave() {
        tick.unlock();
        closeIfRetired();
    }

    /** Only between {@link #enter()} and {@link #leave()}. */
    TopicReader reader() {
        return reader;
    }

    /** The series as CSV once it has been read whole, waiting for the tick under way; empty before. */
    Optional<String> csv() {
        if (!enter()) {
            return Optional.empty();
        }
        try {
            return reader.caughtUp() ? Optional.of(reader.csv()) : Optional.empty();
        } finally {
            leave();
        }
    }

    /** Read without the tick lock: for a listing, a moment's staleness does no harm. */
    boolean finished() {
        return reader.finished();
    }

    /**
     * Reads the series between ticks, also of a retired monitor (its consumer is closed, its series is not):
     * a chart drawn after the tick that asked for it sees the end of a tick, never the middle of one.
     */
    <T> T read(Function<TopicReader, T> reading) {
        tick.lock();
        try {
            return reading.apply(reader);
        } finally {
            tick.unlock();
            closeIfRetired();
        }
    }

    MonitorSnapshot snapshot() {
        return reader.snapshot();
    }

    Supervision supervision() {
        return supervision;
    }

    void freshSupervision() {
        supervision = new Supervision();
    }

    boolean retired() {
        return retired;
    }

    /** The monitor stopped reading for good (removed, failed, or the active side stopped): its consumer goes. */
    void retire() {
        retired = true;
        closeIfRetired();
    }

    /**
     * Whoever finds the reader free closes it; a tick that holds it closes it as it leaves. The flag is set
     * before the lock is tried and read after it is released, so one of the two always closes it.
     */
    private void closeIfRetired() {
        if (retired && !tick.isHeldByCurrentThread() && tick.tryLock()) {
            try {
                reader.close();
            } finally {
                tick.unlock();
            }
        }
    }
}
