package org.iterwatch.bot.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.Api;
import org.iterwatch.config.Http;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.BadEventException;
import org.iterwatch.subscription.SolverEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * iterwatch's HTTP port: {@code POST /api/v1/events} for solvers (bearer token, per-token rate
 * limit, body limit, validated JSON), {@code GET /healthz} and {@code GET /metrics} (Prometheus), the
 * last two optionally on a management port of their own.
 *
 * <p>No client can hold a thread: the token and the rate limit are checked from the headers and a refusal
 * closes the connection instead of reading the body; bodies are collected as they arrive ({@link BodyReader}),
 * too slow ones are cut; one client address gets a bounded number of connections, all clients together too.
 */
public final class EventsServer implements AutoCloseable {
    public static final String EVENTS_PATH = "/api/v1/events";
    private static final Logger LOG = LoggerFactory.getLogger(EventsServer.class);
    private static final int THREADS = 16;
    /** Storing events may take at most half the threads (a stalled disk), so /healthz and /metrics find one. */
    private static final int STORING_THREADS = THREADS / 2;
    private static final int MANAGEMENT_THREADS = 6;
    private static final int MANAGEMENT_CONNECTIONS = 100;

    private final Server server;
    private final ServerConnector api;
    private final ServerConnector management;
    private final Http http;
    private final Alerts alerts;
    private final Tokens tokens;
    private final RateLimits limits;
    private final Semaphore storing = new Semaphore(STORING_THREADS);
    private final PrometheusMeterRegistry metrics;
    private final LongSupplier invalidEvents;
    private final StorageHealth storage;

    /**
     * {@code invalidEvents}: records skipped from the Kafka events topic, shown by {@code /healthz};
     * {@code storage}: while it fails, events are refused at once and {@code /healthz} says degraded.
     */
    public EventsServer(Http http, Api api, Alerts alerts, PrometheusMeterRegistry metrics, LongSupplier invalidEvents,
                        StorageHealth storage) {
        this.storage = storage;
        this.http = http;
        this.alerts = alerts;
        this.metrics = metrics;
        this.invalidEvents = invalidEvents;
        this.tokens = new Tokens(api.tokens());
        this.limits = new RateLimits(api.eventsPerSecond());
        QueuedThreadPool pool = new QueuedThreadPool(THREADS, 2);
        pool.setName("http");
        this.server = new Server(pool);
        this.api = connector(http.bindAddress(), http.port(), null, http.maxConnections());
        if (http.separateManagement()) {
            QueuedThreadPool own = new QueuedThreadPool(MANAGEMENT_THREADS, 2);
            own.setName("http-management");
            this.management = connector(http.managementHost(), http.managementPort(), own, MANAGEMENT_CONNECTIONS);
        } else {
            this.management = null;
        }
        server.setHandler(perAddress(new Routes()));
    }

    /**
     * Jetty's DoSHandler: a leaky bucket per client address on the events path, 429 past it. The body is
     * not read; Jetty closes the connection if one is left unread.
     */
    private Handler perAddress(Handler routes) {
        Request.Handler tooMany = (request, response, callback) -> {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            return answer(response, callback, 429, error("too many requests from your address; slow down"));
        };
        DoSHandler limit = new DoSHandler(routes, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                new DoSHandler.LeakingBucketTrackerFactory(http.requestsPerAddressPerSecond()), tooMany, -1);
        limit.includePath(EVENTS_PATH);
        return limit;
    }

    /** {@code executor} null: the server's pool. */
    private ServerConnector connector(String host, int port, Executor executor, int maxConnections) {
        ServerConnector connector = new ServerConnector(server, executor, null, null, 1, 1, new HttpConnectionFactory());
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(http.idleTimeout().toMillis());
        connector.addBean(new ConnectionsPerAddress(http.maxConnectionsPerAddress()));
        connector.addBean(new NetworkConnectionLimit(maxConnections, connector));
        server.addConnector(connector);
        return connector;
    }

    /**
     * Starts listening and writes the bound port to {@code portFile} (and a separate management port to
     * {@code http-management.port} beside it), so scripts can find a port 0 choice.
     */
    public void start(Path portFile) {
        try {
            server.start();
        } catch (Exception e) {
            boolean managementFailed = management != null && !management.isStarted() && api.isStarted();
            ServerConnector failed = managementFailed ? management : api;
            String key = managementFailed ? "http.managementPort" : "http.port";
            throw new IterwatchException(key + ": cannot listen on " + failed.getHost() + ":" + failed.getPort()
                    + " (" + e.getMessage() + "); set " + key + " to a free port", e);
        }
        write(portFile, api.getLocalPort());
        LOG.info("HTTP API listening on {}:{} ({} API tokens)", api.getHost(), port(), tokens.count());
        if (management != null) {
            write(portFile.resolveSibling("http-management.port"), management.getLocalPort());
            LOG.info("/healthz and /metrics on {}:{}", management.getHost(), management.getLocalPort());
        }
    }

    private static void write(Path file, int port) {
        try {
            Files.writeString(file, String.valueOf(port));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.toString());
        }
    }

    public int port() {
        return api.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(api.getHost(), port());
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
            boolean managementHere = management == null || request.getConnectionMetaData().getConnector() == management;
            if (managementHere && path.equals("/healthz")) {
                return health(response, callback);
            }
            if (managementHere && path.equals("/metrics")) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                Content.Sink.write(response, true, metrics.scrape(), callback);
                return true;
            }
            if (request.getConnectionMetaData().getConnector() != api) {
                return reply(response, callback, 404, error("no such endpoint; this port serves /healthz and /metrics"));
            }
            if (!path.equals(EVENTS_PATH)) {
                return reply(response, callback, 404, error("no such endpoint; solvers POST to " + EVENTS_PATH));
            }
            return event(request, response, callback);
        }

        private boolean event(Request request, Response response, Callback callback) {
            if (!request.getMethod().equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                return answer(response, callback, 405, error("use POST"));
            }
            int token = tokens.match(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (token < 0) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                return refuse(response, callback, 401, error("missing or wrong bearer token"));
            }
            if (!limits.take(token)) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                return refuse(response, callback, 429, error("too many events; slow down"));
            }
            Optional<String> storageProblem = storage.problem();
            if (storageProblem.isPresent()) {
                return unavailable(response, callback, storageProblem.get());
            }
            BodyReader.read(request, http.maxBodyBytes(), http.minBodyBytesPerSecond(), outcome -> {
                if (outcome instanceof BodyReader.Body body) {
                    store(body.bytes(), response, callback);
                } else if (outcome instanceof BodyReader.Refused refused) {
                    refuse(response, callback, refused.status(), refused.status() == 400
                            ? field("body", refused.message()) : error(refused.message()));
                }
            });
            return true;
        }

        private void store(byte[] body, Response response, Callback callback) {
            SolverEvent event;
            try {
                event = SolverEvent.parse(body);
            } catch (BadEventException e) {
                answer(response, callback, 400, field(e.field(), e.getMessage()));
                return;
            }
            if (!storing.tryAcquire()) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                answer(response, callback, 503, error("busy storing other events; try again"));
                return;
            }
            String id;
            try {
                id = alerts.accept(event);
            } catch (RuntimeException e) {
                if (!storage.failed(e)) {
                    LOG.error("an event could not be stored", e);
                }
                unavailable(response, callback, storage.problem().orElse("the event could not be stored"));
                return;
            } finally {
                storing.release();
            }
            answer(response, callback, 202, "{\"id\":\"" + id + "\"}");
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

    /** Nothing can be stored now (a full disk): said at once, before any body is read, with when to try again. */
    private boolean unavailable(Response response, Callback callback, String problem) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(StorageHealth.RETRY_AFTER.toSeconds()));
        return refuse(response, callback, 503, error("iterwatch cannot store events right now (" + problem
                + "); try again later"));
    }

    /**
     * An answer before (all of) the body was read: the connection is closed rather than the rest read and
     * dropped, so a slow or endless body costs nothing. A well-behaved client reads the answer first.
     */
    private boolean refuse(Response response, Callback callback, int status, String json) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return answer(response, callback, status, json);
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
