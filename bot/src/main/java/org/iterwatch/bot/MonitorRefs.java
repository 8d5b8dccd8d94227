package org.iterwatch.bot;

import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.ShownMessage;

/**
 * Records confirmed progress messages in the monitor service, which is built after the listener
 * that reports to it (the service needs the listener first), hence the late binding.
 */
final class MonitorRefs {
    private volatile MonitorService monitors;

    void use(MonitorService monitors) {
        this.monitors = monitors;
    }

    void shown(long monitorId, ShownMessage message) {
        MonitorService service = monitors;
        if (service != null) {
            service.shown(monitorId, message);
        }
    }
}
