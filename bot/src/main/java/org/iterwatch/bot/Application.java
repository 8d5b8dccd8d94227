package org.iterwatch.bot;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The started parts of the process, so shutdown can stop them in reverse order. */
final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private final Deque<Managed> started = new ArrayDeque<>();

    <T extends Managed> T start(T part) {
        part.start();
        started.push(part);
        return part;
    }

    /** Registers something already running (a broker, a pool) so that shutdown closes it. */
    void closeLater(String name, AutoCloseable resource) {
        started.push(Managed.onStop(name, () -> {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    synchronized void stop() {
        while (!started.isEmpty()) {
            Managed part = started.pop();
            try {
                part.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", part, e.toString());
            }
        }
    }
}
