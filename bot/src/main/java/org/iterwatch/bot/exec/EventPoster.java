package org.iterwatch.bot.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iterwatch.config.Pause;

/**
 * Sends solver events to iterwatch in order, on one daemon thread, with short timeouts and a bounded
 * number of retries: iterwatch being down must never hold up or stop the solver. With several addresses
 * (instances sharing one database, any of which takes events) an event goes to the one that answered last;
 * a connection that fails or a 5xx moves it on to the next at once, so one instance down costs one try.
 */
public final class EventPoster {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private final List<URI> endpoints;
    private final String token;
    private final PrintStream diagnostics;
    private final HttpClient http;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "event-poster");
        t.setDaemon(true);
        return t;
    });
    private final Set<URI> warnedUnreachable = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refused = new AtomicBoolean();
    /** The address that answered last; only the sender thread reads and writes it. */
    private int current;

    /** What one request's answer means for the event. */
    private enum Outcome { TAKEN, DROPPED, NEXT_ADDRESS, LATER }

    /** @param baseUrls iterwatch's addresses, tried in this order */
    EventPoster(List<URI> baseUrls, String token, PrintStream diagnostics) {
        this.endpoints = baseUrls.stream().map(u -> u.resolve("/api/v1/events")).toList();
        this.token = token;
        this.diagnostics = diagnostics;
        // HttpClient's own threads are daemons too, so they never keep the wrapper alive.
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "event-http");
            t.setDaemon(true);
            return t;
        })).build();
    }

    /**
     * Queues one event; tries to send it until {@code attempts} rounds over the addresses are used or the
     * deadline (nanoTime) passes. Completes with true when iterwatch took it.
     */
    CompletableFuture<Boolean> post(Map<String, Object> event, int attempts, long deadlineNanos) {
        return CompletableFuture.supplyAsync(() -> send(event, attempts, deadlineNanos), sender);
    }

    private boolean send(Map<String, Object> event, int attempts, long deadlineNanos) {
        if (refused.get()) {
            return false;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(new LinkedHashMap<>(event));
        } catch (IOException e) {
            return false;
        }
        long backoffMillis = 500;
        for (int attempt = 1; attempt <= attempts && System.nanoTime() < deadlineNanos; attempt++) {
            Outcome outcome = Outcome.NEXT_ADDRESS;
            for (int tried = 0; tried < endpoints.size() && outcome == Outcome.NEXT_ADDRESS
                    && System.nanoTime() < deadlineNanos; tried++) {
                outcome = sendOnce(endpoints.get(current), body, event);
                if (outcome == Outcome.NEXT_ADDRESS) {
                    current = (current + 1) % endpoints.size();
                }
            }
            if (outcome == Outcome.TAKEN || outcome == Outcome.DROPPED) {
                return outcome == Outcome.TAKEN;
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (attempt < attempts && left > 0 && !Pause.of(Math.min(backoffMillis, left))) {
                return false;
            }
            backoffMillis = Math.min(backoffMillis * 2, 2000);
        }
        return false;
    }

    private Outcome sendOnce(URI endpoint, byte[] body, Map<String, Object> event) {
        try {
            HttpResponse<String> response = http.send(request(endpoint, body), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return Outcome.TAKEN;
            }
            if (status == 401 || status == 403) {
                refused.set(true);
                warn("iterwatch refused the API token (HTTP " + status + "); set ITERWATCH_API_TOKEN or --token");
                return Outcome.DROPPED;
            }
            if (status == 400 || status == 413) {
                warn("iterwatch refused the " + event.get("event") + " event (HTTP " + status + "): "
                        + shorten(response.body()));
                return Outcome.DROPPED;
            }
            // A 5xx is an instance that cannot store events now (e.g. its disk is full); another one may.
            return status >= 500 ? Outcome.NEXT_ADDRESS : Outcome.LATER;
        } catch (IOException e) {
            if (warnedUnreachable.add(endpoint)) {
                warn("iterwatch at " + endpoint + " is not reachable (" + e.getClass().getSimpleName() + ")"
                        + (endpoints.size() > 1 ? "; trying the next address" : "")
                        + "; the solver runs on, events are retried briefly");
            }
            return Outcome.NEXT_ADDRESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.DROPPED;
        }
    }

    private HttpRequest request(URI endpoint, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private void warn(String text) {
        diagnostics.println("iterwatch exec: " + text);
        diagnostics.flush();
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
