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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends solver events to iterwatch in order, on one daemon thread, with short timeouts and a bounded
 * number of retries: iterwatch being down must never hold up or stop the solver.
 */
public final class EventPoster {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private final URI endpoint;
    private final String token;
    private final PrintStream diagnostics;
    private final HttpClient http;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "event-poster");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean warnedUnreachable = new AtomicBoolean();
    private final AtomicBoolean refused = new AtomicBoolean();

    EventPoster(URI baseUrl, String token, PrintStream diagnostics) {
        this.endpoint = baseUrl.resolve("/api/v1/events");
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
     * Queues one event; tries to send it until {@code attempts} are used or the deadline (nanoTime) passes.
     * Completes with true when iterwatch took it.
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
            try {
                HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202 || status / 100 == 2) {
                    return true;
                }
                if (status == 401 || status == 403) {
                    refused.set(true);
                    warn("iterwatch refused the API token (HTTP " + status + "); set ITERWATCH_API_TOKEN or --token");
                    return false;
                }
                if (status == 400 || status == 413) {
                    warn("iterwatch refused the " + event.get("event") + " event (HTTP " + status + "): "
                            + shorten(response.body()));
                    return false;
                }
            } catch (IOException e) {
                if (warnedUnreachable.compareAndSet(false, true)) {
                    warn("iterwatch at " + endpoint + " is not reachable (" + e.getClass().getSimpleName()
                            + "); the solver runs on, events are retried briefly");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (attempt < attempts && left > 0 && !pause(Math.min(backoffMillis, left))) {
                return false;
            }
            backoffMillis = Math.min(backoffMillis * 2, 2000);
        }
        return false;
    }

    private HttpRequest request(byte[] body) {
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

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
