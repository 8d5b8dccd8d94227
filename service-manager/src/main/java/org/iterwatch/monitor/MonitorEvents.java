package org.iterwatch.monitor;

/** Where monitors send what their followers must be told once (restarts, stalls, failures). */
@FunctionalInterface
public interface MonitorEvents {
    void notify(MonitorNotice notice);
}
