package org.iterwatch.bot.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One chat's waiting jobs by priority; at most one of its requests is in flight at a time. */
public final class Lane {
    /** A waiting job with its arrival number (older first among equals) and failed attempts so far. */
    record Queued(long seq, Job job, int attempts) {
    }

    private final Map<Priority, Deque<Queued>> queues = new EnumMap<>(Priority.class);
    private boolean busy;

    Lane() {
        for (Priority p : Priority.values()) {
            queues.put(p, new ArrayDeque<>());
        }
    }

    void add(Queued q) {
        queues.get(q.job().priority()).addLast(q);
    }

    void addFirst(Queued q) {
        queues.get(q.job().priority()).addFirst(q);
    }

    /** The job this lane would send next, or null. */
    Queued peek() {
        for (Priority p : Priority.values()) {
            Queued head = queues.get(p).peekFirst();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    Queued poll() {
        for (Priority p : Priority.values()) {
            Queued head = queues.get(p).pollFirst();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    List<Queued> drain() {
        List<Queued> all = new ArrayList<>();
        queues.values().forEach(q -> {
            all.addAll(q);
            q.clear();
        });
        return all;
    }

    int size(Priority p) {
        return queues.get(p).size();
    }

    boolean isEmpty() {
        return peek() == null;
    }

    boolean busy() {
        return busy;
    }

    void busy(boolean busy) {
        this.busy = busy;
    }
}
