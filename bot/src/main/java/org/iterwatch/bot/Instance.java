package org.iterwatch.bot;

import java.util.List;

/**
 * One iterwatch instance running in this process: its whole lifecycle, and the active side inside it,
 * which can stop and start again while the HTTP API, the database and the broker stay up.
 */
public final class Instance implements AutoCloseable {
    private final Lifecycle process;
    private final Lifecycle active;

    Instance(Lifecycle process, Lifecycle active) {
        this.process = process;
        this.active = active;
    }

    /** Stops polling Telegram, sending, monitoring and delivering alerts; events are still taken in and stored. */
    public void stopActive() {
        active.stop();
    }

    /** Takes up the active side again where it stopped: the update offset, the outbox, the running monitors. */
    public void startActive() {
        active.start();
    }

    public boolean active() {
        return active.running();
    }

    /** The threads alive now, as "part: thread". */
    public List<String> threads() {
        return process.threads();
    }

    @Override
    public void close() {
        process.stop();
    }
}
