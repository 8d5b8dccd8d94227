package org.iterwatch.monitor;

/** What a monitor is doing, as people see it. */
public enum MonitorState {
    RUNNING, STOPPED
}
