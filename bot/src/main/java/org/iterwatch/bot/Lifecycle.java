package org.iterwatch.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.iterwatch.config.Managed;
import org.iterwatch.config.OwnedThreads;
import org.iterwatch.config.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every long-lived part of the process and every thread it runs on, in one place. Parts start in the
 * order they are added (at once while the lifecycle runs) and stop in reverse; the threads a part takes
 * are made here, named, listed by {@link #threads()} and ended when the part stops. A {@link #group} is a
 * part of its own: the active side of the process is one, so it can be stopped and started again while
 * the rest (HTTP, database, broker) runs on.
 */
public final class Lifecycle implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private final String name;
    private final List<Part> parts = new ArrayList<>();
    private boolean running;

    private Lifecycle(String name, boolean running) {
        this.name = name;
        this.running = running;
    }

    /** The process's own lifecycle: running from the start, so each part starts as it is wired. */
    static Lifecycle process() {
        return new Lifecycle("iterwatch", true);
    }

    /** Adds a part, started at once when this lifecycle runs. */
    synchronized <T extends Managed> T add(String partName, T part) {
        Part p = new Part(partName, part);
        parts.add(p);
        if (running) {
            p.start();
        }
        return part;
    }

    /** Something already running (a pool, a broker) that shutdown must close, after what was added later. */
    synchronized <T extends AutoCloseable> T closeLater(String partName, T resource) {
        add(partName, Managed.closing(resource));
        return resource;
    }

    /** A group of parts that starts and stops as one, inside this lifecycle. */
    synchronized Lifecycle group(String groupName) {
        return add(groupName, new Lifecycle(groupName, false));
    }

    @Override
    public void start(Threads unused) {
        start();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        parts.forEach(Part::start);
        if (!parts.isEmpty()) {
            LOG.info("{} started: {} parts", name, parts.size());
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).stop();
        }
    }

    synchronized boolean running() {
        return running;
    }

    /** The live threads, as "part: thread", in wiring order: what runs where. */
    synchronized List<String> threads() {
        return parts.stream().flatMap(Part::threads).toList();
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Part {
        private final String name;
        private final Managed part;
        private OwnedThreads threads;

        Part(String name, Managed part) {
            this.name = name;
            this.part = part;
        }

        void start() {
            threads = new OwnedThreads(name);
            part.start(threads);
        }

        void stop() {
            try {
                part.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", name, e.toString());
            }
            if (threads != null) {
                threads.end();
                threads = null;
            }
        }

        Stream<String> threads() {
            if (part instanceof Lifecycle group) {
                return group.threads().stream();
            }
            return threads == null ? Stream.empty() : threads.alive().stream().map(t -> name + ": " + t);
        }
    }
}
