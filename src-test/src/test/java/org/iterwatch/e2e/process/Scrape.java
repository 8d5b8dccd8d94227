package org.iterwatch.e2e.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.iterwatch.e2e.alerts.EventsApi;

/** What an operator's Prometheus reads from GET /metrics. */
public final class Scrape {
    private Scrape() {
    }

    /** Prometheus text format: "name{labels} value" per line, comments start with #. */
    public static Map<String, Double> metrics(String baseUrl) {
        EventsApi.Answer answer = new EventsApi(baseUrl).get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Double> out = new LinkedHashMap<>();
        answer.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return out;
    }

    public static double value(String baseUrl, String name) {
        return metrics(baseUrl).getOrDefault(name, 0.0);
    }
}
