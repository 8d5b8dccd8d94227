package org.iterwatch.config;

import java.time.Duration;

/**
 * @param bindAddress              where the HTTP server listens
 * @param port                     its port; 0 picks a free one (tests), written to {@code data/http.port}
 * @param maxBodyBytes             the largest request body accepted; larger ones get 413
 * @param idleTimeout              a connection on which nothing arrives this long is closed
 * @param minBodyBytesPerSecond    after its first second, a body arriving slower than this on average gets 408
 * @param maxConnectionsPerAddress open connections one client address may hold; more are closed at accept
 * @param maxConnections           open connections in all; past it new ones wait in the kernel's backlog
 * @param requestsPerAddressPerSecond events API requests one client address may make a second (and burst); past it 429
 * @param managementPort           null: {@code /healthz} and {@code /metrics} on {@code port}; otherwise only on
 *                                 this port (0 picks one, written to {@code data/http-management.port})
 * @param managementBindAddress    where the management port listens; default {@code bindAddress}
 */
public record Http(String bindAddress, Integer port, Integer maxBodyBytes, Duration idleTimeout,
                   Integer minBodyBytesPerSecond, Integer maxConnectionsPerAddress, Integer maxConnections,
                   Integer requestsPerAddressPerSecond, Integer managementPort, String managementBindAddress) {
    public Http {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.strip();
        port = port == null ? 8088 : port;
        maxBodyBytes = maxBodyBytes == null ? 64 * 1024 : maxBodyBytes;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(10) : idleTimeout;
        minBodyBytesPerSecond = minBodyBytesPerSecond == null ? 1024 : minBodyBytesPerSecond;
        maxConnectionsPerAddress = maxConnectionsPerAddress == null ? 20 : maxConnectionsPerAddress;
        maxConnections = maxConnections == null ? 1000 : maxConnections;
        requestsPerAddressPerSecond = requestsPerAddressPerSecond == null ? 200 : requestsPerAddressPerSecond;
        managementBindAddress = managementBindAddress == null || managementBindAddress.isBlank() ? null
                : managementBindAddress.strip();
    }

    /** True when {@code /healthz} and {@code /metrics} have a port of their own. */
    public boolean separateManagement() {
        return managementPort != null;
    }

    /** Where the management port listens: its own address if set, else the API's. */
    public String managementHost() {
        return managementBindAddress == null ? bindAddress : managementBindAddress;
    }
}
