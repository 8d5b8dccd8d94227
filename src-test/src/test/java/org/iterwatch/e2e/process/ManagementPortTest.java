package org.iterwatch.e2e.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.iterwatch.e2e.alerts.EventsApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9: with http.managementPort set, /healthz and /metrics live on that port only (so it can be bound
 * to a private address while solvers reach the events API from anywhere), and the events API only on its own.
 */
class ManagementPortTest {
    static final long ADMIN = 7101;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .environment("ITERWATCH_MANAGEMENT_PORT", "0");

    @Test
    void healthAndMetricsMoveToTheManagementPortAndEventsStayOnTheApiPort(Iterwatch iterwatch) {
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        EventsApi management = new EventsApi(iterwatch.managementUrl());
        assertThat(iterwatch.managementUrl()).isNotEqualTo(iterwatch.apiUrl());

        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("on-the-api-port", "started", "x")).status()).isEqualTo(202);
        EventsApi.Answer health = management.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        EventsApi.Answer metrics = management.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("iterwatch_events_requests_total{status=\"202\"} 1.0");

        assertThat(api.get("/healthz").status()).isEqualTo(404);
        assertThat(api.get("/metrics").status()).isEqualTo(404);
        assertThat(management.post(Iterwatch.API_TOKEN, EventsApi.event("on-the-wrong-port", "started", "x")).status())
                .isEqualTo(404);
        assertThat(iterwatch.log().orElse("")).contains("/healthz and /metrics on 127.0.0.1:");
    }
}
