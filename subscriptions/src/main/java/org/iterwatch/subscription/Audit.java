package org.iterwatch.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of refused attempts. {@link #record} only queues, so a flood of strangers never
 * holds up the handling of updates, and a database problem never fails it: a writer thread stores
 * the lines in batches, folding repeated refusals of one person into one row a day so that a flood
 * cannot grow the table. Changes of people are written by {@link People} together with the change.
 */
public final class Audit implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;

    private final AuditStore store;
    private final Clock clock;
    private final BlockingQueue<AuditEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    public Audit(DataSource dataSource, Clock clock) {
        this.store = new AuditStore(Jdbi.create(dataSource));
        this.clock = clock;
    }

    @Override
    public void start(Threads threads) {
        running = true;
        writer = threads.start("audit-writer", this::writeLoop);
    }

    /** Queues one line; never blocks, never throws. Past {@value #CAPACITY} waiting lines, lines are dropped and counted. */
    public void record(long userId, Long chatId, String action, AuditEntry.Outcome outcome, String detail) {
        try {
            if (!queue.offer(new AuditEntry(clock.instant(), userId, chatId, action, outcome, detail))) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
        }
    }

    /** Strangers told their id since then, with the last time, so a restart does not tell anyone twice a day. */
    public Map<Long, Instant> toldSince(Instant since) {
        return store.told(since);
    }

    /** The latest rows, newest first (refusals still queued for the writer are not among them yet). */
    public List<AuditRow> latest(int count) {
        return store.latest(count);
    }

    /** Writes what is queued, then stops. */
    @Override
    public void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        List<AuditEntry> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                AuditEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<AuditEntry> batch) {
        try {
            store.fold(batch);
        } catch (RuntimeException e) {
            LOG.warn("{} audit lines not stored: {}", batch.size(), e.toString());
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("{} audit lines dropped: more refused attempts than the audit could store", lost);
        }
    }
}
