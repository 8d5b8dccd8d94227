package org.iterwatch.config;

import java.util.List;

/**
 * @param tokens           bearer tokens solvers use for {@code POST /api/v1/events}; none means the API refuses all
 * @param eventsPerSecond  per-token rate limit (also the burst); past it the API answers 429
 */
public record Api(List<Secret> tokens, Integer eventsPerSecond) {
    public Api {
        tokens = tokens == null ? List.of() : tokens.stream().filter(t -> t != null && !t.isEmpty()).toList();
        eventsPerSecond = eventsPerSecond == null ? 50 : eventsPerSecond;
    }
}
