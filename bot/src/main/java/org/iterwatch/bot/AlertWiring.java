package org.iterwatch.bot;

import org.iterwatch.bot.alerts.HeartbeatWatchdog;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.bot.ingress.EventsServer;
import org.iterwatch.bot.ha.InstanceRole;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.subscription.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts' way out (the outbox and the heartbeat watch, on the active side) and the solvers' way in (the
 * {@code iterwatch.events} topic and the events API with /healthz and /metrics), which stay up whether or not this
 * instance is active, so that events are stored while it is not.
 */
final class AlertWiring {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWiring.class);

    private AlertWiring() {
    }

    /** @return the events consumer, whose skipped records {@code /alerts} reports */
    static EventsConsumer wire(IterwatchConfig config, StorageWiring storage, MonitorWiring monitoring,
                               Metrics metrics, InstanceRole role, Lifecycle process, Lifecycle active) {
        Alerts alerts = monitoring.alerts();
        active.add("alert outbox", alerts.outbox());
        active.add("heartbeat watch", new HeartbeatWatchdog(alerts, storage.health()));
        EventsConsumer events = process.add("events consumer", new EventsConsumer(storage.kafka(),
                "iterwatch-events-" + Integer.toHexString(config.databaseUrl().hashCode()), alerts));
        metrics.events(events);
        metrics.alertsAndMonitors(alerts, monitoring.monitors());
        metrics.role(role);
        EventsServer http = new EventsServer(config.http(), config.api(), alerts, metrics.registry(), events::skipped,
                storage.health(), role);
        http.start(config.storage().dataDir().resolve("http.port"));
        process.closeLater("HTTP server", http);
        if (config.api().tokens().isEmpty()) {
            LOG.warn("no API tokens configured: the events API refuses everything. Set ITERWATCH_API_TOKENS");
        }
        return events;
    }
}
