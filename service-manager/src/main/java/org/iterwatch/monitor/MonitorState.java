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
    FAILED
}
