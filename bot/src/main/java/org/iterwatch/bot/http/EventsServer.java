package org.iterwatch.bot.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.iterwatch.config.Api;
import org.iterwatch.config.Http;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.BadEventException;
import org.iterwatch.subscription.SolverEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * iterwatch's HTTP port: {@code POST /api/v1/events} for solvers (bearer token, per-token rate
 * limit, body limit, validated JSON), {@code GET /healthz} and {@code GET /metrics} (Prometheus).
 */
public final class EventsServer implements AutoCloseable {
    public static final String EVENTS_PATH = "/api/v1/events";
    private static final Logger LOG = LoggerFactory.getLogger(EventsServer.class);
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final Alerts alerts;
    private final Tokens tokens;
    private final RateLimits limits;
    private final int maxBody;
    private final PrometheusMeterRegistry metrics;
    private final LongSupplier invalidEvents;
    private final StorageHealth storage;

    /**
     * {@code invalidEvents}: records skipped from the Kafka events topic, shown by {@code /healthz};
     * {@code storage}: while it fails, events are refused at once and {@code /healthz} says degraded.
     */
    public EventsServer(Http http, Api api, Alerts alerts, PrometheusMeterRegistry metrics, LongSupplier invalidEvents,
                        StorageHealth storage) {
        this.alerts = alerts;
        this.storage = storage;
        this.metrics = metrics;
        this.invalidEvents = invalidEvents;
        this.tokens = new Tokens(api.tokens());
        this.limits = new RateLimits(api.eventsPerSecond());
        this.maxBody = http.maxBodyBytes();
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("http");
        this.server = new Server(pool);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(http.bindAddress());
        connector.setPort(http.port());
        server.addConnector(connector);
        server.setHandler(new Routes());
    }

    /** Starts listening and writes the bound port to {@code portFile}, so scripts can find a port 0 choice. */
    public void start(Path portFile) {
        try {
            server.start();
        } catch (Exception e) {
            throw new IterwatchException("http.port: cannot listen on " + connector.getHost() + ":" + connector.getPort()
                    + " (" + e.getMessage() + "); set http.port or ITERWATCH_HTTP_PORT to a free port", e);
        }
        try {
            Files.writeString(portFile, String.valueOf(port()));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", portFile, e.toString());
        }
        LOG.info("HTTP API listening on {}:{} ({} API tokens)", connector.getHost(), port(), tokens.count());
    }

    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed: {}", e.toString());
        }
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            if (path.equals("/healthz")) {
                return health(response, callback);
            }
            if (path.equals("/metrics")) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                Content.Sink.write(response, true, metrics.scrape(), callback);
                return true;
            }
            if (!path.equals(EVENTS_PATH)) {
                return reply(response, callback, 404, error("no such endpoint; solvers POST to " + EVENTS_PATH));
            }
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                return answer(response, callback, 405, error("use POST"));
            }
            int token = tokens.match(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (token < 0 || !limits.take(token)) {
                drain(request, response);
                if (token < 0) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                    return answer(response, callback, 401, error("missing or wrong bearer token"));
                }
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                return answer(response, callback, 429, error("too many events; slow down"));
            }
            Optional<String> storageProblem = storage.problem();
            if (storageProblem.isPresent()) {
                drain(request, response);
                return unavailable(response, callback, storageProblem.get());
            }
            byte[] body;
            try {
                body = readBody(request, response);
            } catch (IOException e) {
                return answer(response, callback, 400, field("body", "cannot be read"));
            }
            if (body == null) {
                return answer(response, callback, 413, error("body larger than " + maxBody + " bytes"));
            }
            try {
                String id = alerts.accept(SolverEvent.parse(body));
                return answer(response, callback, 202, "{\"id\":\"" + id + "\"}");
            } catch (BadEventException e) {
                return answer(response, callback, 400, field(e.field(), e.getMessage()));
            } catch (RuntimeException e) {
                if (!storage.failed(e)) {
                    LOG.error("an event could not be stored", e);
                }
                return unavailable(response, callback, storage.problem().orElse("the event could not be stored"));
            }
        }

        /** 200 and "ok", or 503 and "degraded" with the reason while nothing can be stored. */
        private boolean health(Response response, Callback callback) {
            String invalid = ",\"invalidEvents\":" + invalidEvents.getAsLong() + "}";
            Optional<String> problem = storage.problem();
            if (problem.isEmpty()) {
                try {
                    return reply(response, callback, 200, "{\"status\":\"ok\",\"pendingAlerts\":" + alerts.pending() + invalid);
                } catch (RuntimeException e) {
                    storage.failed(e);
                    problem = Optional.of(storage.problem().orElse("the database cannot be read"));
                }
            }
            return reply(response, callback, 503, "{\"status\":\"degraded\",\"reason\":" + quote(problem.get())
                    + ",\"pendingAlerts\":null" + invalid);
        }

        /** The body, or null when it is over the limit (by its Content-Length or by what arrives). */
        private byte[] readBody(Request request, Response response) throws IOException {
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] body = request.getLength() > maxBody ? null : in.readNBytes(maxBody + 1);
                if (body == null || body.length > maxBody) {
                    drain(in, response);
                    return null;
                }
                return body;
            }
        }

        /**
         * Reads and drops what the client still sends before we answer early, up to a bound: a client
         * whose upload is cut off mid-way never sees our answer. Past the bound we close instead.
         */
        private void drain(Request request, Response response) {
            try (InputStream in = Content.Source.asInputStream(request)) {
                drain(in, response);
            } catch (IOException e) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
        }

        private void drain(InputStream in, Response response) throws IOException {
            if (in.skip(DRAIN_LIMIT) >= DRAIN_LIMIT) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
        }
    }

    private boolean unavailable(Response response, Callback callback, String problem) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(StorageHealth.RETRY_AFTER.toSeconds()));
        return answer(response, callback, 503, error("iterwatch cannot store events right now (" + problem
                + "); try again later"));
    }

    /** Every answer on the events path is counted by status, so refused solvers show up on a dashboard. */
    private boolean answer(Response response, Callback callback, int status, String json) {
        Counter.builder("iterwatch.events.requests").description("Answers of the events API, by HTTP status")
                .tag("status", String.valueOf(status)).register(metrics).increment();
        return reply(response, callback, status, json);
    }

    private static boolean reply(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, json, callback);
        return true;
    }

    private static String error(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    private static String field(String field, String message) {
        return "{\"error\":" + quote(message) + ",\"field\":" + quote(field) + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

}
