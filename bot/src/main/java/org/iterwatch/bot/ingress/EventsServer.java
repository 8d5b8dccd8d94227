package org.iterwatch.bot.ingress;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.iterwatch.bot.ha.InstanceRole;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.Api;
import org.iterwatch.config.Http;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.subscription.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * iterwatch's HTTP port: {@code POST /api/v1/events} for solvers ({@link EventsEndpoint}), {@code GET /healthz}
 * and {@code GET /metrics} ({@link ManagementEndpoints}), the last two optionally on a management port of their
 * own ({@link Routes}). This class sets up Jetty: threads, connectors and their limits, start and stop.
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
    private final EventsEndpoint events;

    /**
     * {@code invalidEvents}: records skipped from the Kafka events topic, shown by {@code /healthz};
     * {@code storage}: while it fails, events are refused at once and {@code /healthz} says degraded.
     */
    public EventsServer(Http http, Api api, Alerts alerts, PrometheusMeterRegistry metrics, LongSupplier invalidEvents,
                        StorageHealth storage, InstanceRole role) {
        this.http = http;
        this.events = new EventsEndpoint(http, api, alerts, metrics, storage, STORING_THREADS);
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
        Routes routes = new Routes(this.api, management, events,
                new ManagementEndpoints(alerts, metrics, invalidEvents, storage, role));
        server.setHandler(perAddress(routes));
    }

    /**
     * Jetty's DoSHandler: a leaky bucket per client address on the events path, 429 past it. The body is
     * not read; Jetty closes the connection if one is left unread.
     */
    private Handler perAddress(Handler routes) {
        DoSHandler limit = new DoSHandler(routes, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                new DoSHandler.LeakingBucketTrackerFactory(http.requestsPerAddressPerSecond()), events::tooManyFromAddress,
                -1);
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
        LOG.info("HTTP API listening on {}:{} ({} API tokens)", api.getHost(), port(), events.tokenCount());
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
}
