package org.iterwatch.config;

/**
 * @param bootstrapServers the cluster to read; empty means: start the embedded broker
 * @param embeddedPort     the embedded broker's port on 127.0.0.1 (0 picks a free one)
 */
public record Kafka(String bootstrapServers, Integer embeddedPort) {
    public Kafka {
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.strip();
        embeddedPort = embeddedPort == null ? 9092 : embeddedPort;
    }

    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }
}
