package org.iterwatch.e2e.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.util.Map;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator's dashboard reads GET /metrics: the numbers must follow what iterwatch actually did. */
class MetricsTest {
    static final long ADMIN = 7001;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN);

    @Test
    void metricsCountMonitorsDeliveriesAndRefusedEvents(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka) {
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        String topic = KafkaBroker.uniqueTopic("metrics");
        kafka.createTopic(topic);
        assertThat(iterwatch.ask(ADMIN, "/add " + topic)).contains("Added a monitor");
        assertThat(iterwatch.ask(ADMIN, "/start " + topic)).contains("Started");
        telegram.await(() -> !telegram.pinned(ADMIN).isEmpty(), TIMEOUT, "the pinned chart");
        assertThat(api.post("wrong-token-0123456789", EventsApi.event("s", "started", "x")).status()).isEqualTo(401);
        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("s", "started", "x")).status()).isEqualTo(202);

        Map<String, Double> metrics = scrape(api);
        assertThat(metrics).containsEntry("iterwatch_monitors{state=\"running\"}", 1.0)
                .containsEntry("iterwatch_monitors{state=\"stopped\"}", 0.0)
                .containsEntry("iterwatch_events_requests_total{status=\"401\"}", 1.0)
                .containsEntry("iterwatch_events_requests_total{status=\"202\"}", 1.0)
                .containsEntry("iterwatch_delivery_rate_limited_total", 0.0)
                .containsKeys("iterwatch_delivery_queue_length{priority=\"alert\"}", "iterwatch_alerts_pending");
        // Two replies and the chart photo at least; the pin is a request too.
        assertThat(metrics.get("iterwatch_delivery_sent_total")).isGreaterThanOrEqualTo(3.0);
        assertThat(metrics.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));

        assertThat(iterwatch.ask(ADMIN, "/stop " + topic)).contains("Stopped");
        assertThat(scrape(api)).containsEntry("iterwatch_monitors{state=\"running\"}", 0.0)
                .containsEntry("iterwatch_monitors{state=\"stopped\"}", 1.0);
    }

    private static Map<String, Double> scrape(EventsApi api) {
        return Scrape.metrics(api.baseUrl());
    }
}
