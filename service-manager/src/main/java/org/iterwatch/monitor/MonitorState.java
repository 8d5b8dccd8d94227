package org.iterwatch.monitor;

/** What a monitor is doing, as people see it. */
public enum MonitorState {
    /** Reading its topic and redrawing. */
    RUNNING,
    /** Stopped by a person. */
    STOPPED,
    /** Cannot read right now (broker unreachable, topic gone); retrying with backoff. */
    RECONNECTING,
    /** Running, but its topic received nothing for the stall period. */
    STALLED,
    /** Gave up after failing too often in a row; /start revives it. */
    FAILED;

    /**
     * @param scheduled    whether its repeating trigger exists
     * @param reconnecting whether its last tick could not read
     */
    static MonitorState of(MonitorRow row, boolean scheduled, boolean reconnecting) {
        if (row.heldState() == FAILED) {
            return FAILED;
        }
        if (!scheduled) {
            return STOPPED;
        }
        if (reconnecting) {
            return RECONNECTING;
        }
        return row.heldState() == STALLED ? STALLED : RUNNING;
    }
}
