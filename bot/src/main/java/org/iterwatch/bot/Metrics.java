package org.iterwatch.bot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.iterwatch.bot.delivery.DeliveryMetrics;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.ha.InstanceRole;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.subscription.Alerts;

/** What {@code GET /metrics} shows, in Prometheus' text format: the delivery engine, alerts, monitors, the JVM. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void delivery(DeliveryMetrics delivery) {
        for (Priority p : Priority.values()) {
            Gauge.builder("iterwatch.delivery.queue.length", delivery, d -> d.queueLength(p))
                    .description("Requests waiting to be sent to Telegram")
                    .tag("priority", p.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        counter("iterwatch.delivery.sent", "Requests Telegram accepted", delivery.sent);
        counter("iterwatch.delivery.rate.limited", "429 answers from Telegram", delivery.rateLimited);
        counter("iterwatch.delivery.retries", "Requests sent again after a 5xx, timeout or 429", delivery.retries);
        counter("iterwatch.delivery.dropped", "Requests given up (malformed, chat blocked or gone)", delivery.dropped);
        counter("iterwatch.delivery.coalesced", "Chart edits replaced by a newer one before being sent", delivery.coalesced);
        counter("iterwatch.charts.drawn", "Progress charts rendered, each when its chat's turn to send it came",
                delivery.chartsDrawn);
        counter("iterwatch.charts.sent", "Progress charts Telegram took (new photos and edits)", delivery.chartsSent);
    }

    /** Evaluated on each scrape, so a scrape costs one small query per gauge. */
    void alertsAndMonitors(Alerts alerts, MonitorService monitors) {
        Gauge.builder("iterwatch.alerts.pending", alerts, Alerts::pending)
                .description("Alert deliveries written to the outbox and not yet sent").register(registry);
        for (MonitorState state : MonitorState.values()) {
            Gauge.builder("iterwatch.monitors", monitors, m -> m.list().stream().filter(v -> v.state() == state).count())
                    .description("Monitors by state").tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** 1 on the active instance, 0 on a standby; and the failovers the shared database has seen. */
    void role(InstanceRole role) {
        Gauge.builder("iterwatch.instance.active", role, r -> r.isActive().getAsBoolean() ? 1 : 0)
                .description("1 while this instance is the active one (polls Telegram, delivers, runs monitors)")
                .tag("instance", role.name()).register(registry);
        FunctionCounter.builder("iterwatch.failovers", role, r -> r.failovers().getAsLong())
                .description("Takeovers of an active instance's lease that ran out (a crash or a pause), all instances")
                .register(registry);
    }

    void events(EventsConsumer events) {
        FunctionCounter.builder("iterwatch.events.invalid", events, EventsConsumer::skipped)
                .description("Invalid records skipped from the Kafka topic " + EventsConsumer.TOPIC + " since start")
                .register(registry);
    }

    private void counter(String name, String description, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::get).description(description).register(registry);
    }
}
