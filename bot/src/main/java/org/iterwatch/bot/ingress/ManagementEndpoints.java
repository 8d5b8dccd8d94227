package org.iterwatch.bot.ingress;

import static org.iterwatch.bot.ingress.JsonReplies.quote;
import static org.iterwatch.bot.ingress.JsonReplies.reply;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.iterwatch.bot.ha.InstanceRole;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.subscription.Alerts;

/** {@code GET /healthz} for load balancers and scripts, {@code GET /metrics} for Prometheus. */
final class ManagementEndpoints {
    private final Alerts alerts;
    private final PrometheusMeterRegistry metrics;
    private final LongSupplier invalidEvents;
    private final StorageHealth storage;
    private final InstanceRole role;

    ManagementEndpoints(Alerts alerts, PrometheusMeterRegistry metrics, LongSupplier invalidEvents,
                        StorageHealth storage, InstanceRole role) {
        this.role = role;
        this.alerts = alerts;
        this.metrics = metrics;
        this.invalidEvents = invalidEvents;
        this.storage = storage;
    }

    /** 200 and "ok", or 503 and "degraded" with the reason while nothing can be stored. */
    boolean health(Response response, Callback callback) {
        String invalid = ",\"invalidEvents\":" + invalidEvents.getAsLong() + ",\"role\":" + quote(role.role())
                + ",\"instance\":" + quote(role.name()) + ",\"active\":" + quote(role.activeInstance().get()) + "}";
        Optional<String> problem = storage.problem();
        if (problem.isEmpty()) {
            try {
                return reply(response, callback, 200, "{\"status\":\"ok\",\"pendingAlerts\":" + alerts.pending() + invalid);
            } catch (RuntimeException e) {
                // The database failed before anything else noticed: /healthz is often the first to read it.
                storage.failed(e);
                problem = Optional.of(storage.problem().orElse("the database cannot be read"));
            }
        }
        return reply(response, callback, 503, "{\"status\":\"degraded\",\"reason\":" + quote(problem.get())
                + ",\"pendingAlerts\":null" + invalid);
    }

    boolean metrics(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        Content.Sink.write(response, true, metrics.scrape(), callback);
        return true;
    }
}
