package org.iterwatch.config;

/**
 * @param bindAddress   where the HTTP server listens
 * @param port          its port; 0 picks a free one (tests), written to {@code data/http.port}
 * @param maxBodyBytes  the largest request body accepted; larger ones get 413
 */
public record Http(String bindAddress, Integer port, Integer maxBodyBytes) {
    public Http {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.strip();
        port = port == null ? 8088 : port;
        maxBodyBytes = maxBodyBytes == null ? 64 * 1024 : maxBodyBytes;
    }
}
