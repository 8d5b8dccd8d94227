package org.iterwatch.config;

/**
 * A long-lived part of the process. The lifecycle starts the parts in the order they were wired and
 * stops them in reverse; a part takes every thread it runs on from the {@link Threads} it is started
 * with, so the lifecycle knows, names and ends them all. A part of the active side (polling, delivery,
 * monitors, outbox, watchdogs) must be startable again after {@link #stop()}.
 */
public interface Managed {
    /** Starts the part's work on threads taken from {@code threads}. */
    void start(Threads threads);

    /** Stops the part's work and waits for it; the lifecycle then ends whatever threads the part still has. */
    void stop();

    /** A part with nothing to start that must be closed at shutdown (a pool, a broker started during wiring). */
    static Managed closing(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void start(Threads threads) {
            }

            @Override
            public void stop() {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IterwatchException("closing failed: " + e.getMessage(), e);
                }
            }
        };
    }
}
