package org.iterwatch.bot.kafka;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.iterwatch.config.ConfigLoader;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.config.IterwatchException;
import org.slf4j.LoggerFactory;

/**
 * Where the command-line tools ({@code iterwatch topic}, {@code iterwatch demo}) find the Kafka iterwatch uses:
 * {@code kafka.bootstrapServers}, or the embedded broker of the running iterwatch ({@code <dataDir>/kafka.port}).
 */
public final class KafkaAddress {
    private static final int ANSWER_SECONDS = 10;

    private KafkaAddress() {
    }

    /**
     * The bootstrap servers of the configuration as iterwatch reads it ({@code file}, or $ITERWATCH_CONFIG, then
     * the environment; no bot token needed), checked to answer.
     *
     * @throws IterwatchException naming what to do when no broker answers there
     */
    public static String servers(Path file) {
        return resolve(config(file));
    }

    private static IterwatchConfig config(Path file) {
        Path chosen = file;
        String fromEnv = System.getenv("ITERWATCH_CONFIG");
        if (chosen == null && fromEnv != null && !fromEnv.isBlank()) {
            chosen = Path.of(fromEnv);
        }
        return new ConfigLoader().loadWithoutToken(chosen, System.getenv());
    }

    private static String resolve(IterwatchConfig config) {
        quietKafkaClients();
        String servers = config.kafka().embedded() ? embedded(config) : config.kafka().bootstrapServers();
        try (Admin admin = admin(servers)) {
            admin.describeCluster().nodes().get(ANSWER_SECONDS, TimeUnit.SECONDS);
            return servers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IterwatchException("no Kafka broker answers at " + servers + (config.kafka().embedded()
                    ? ": start iterwatch first (it runs the embedded broker), or set KAFKA_BOOTSTRAP_SERVERS"
                    : " (kafka.bootstrapServers)"));
        }
    }

    static Admin admin(String servers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.CLIENT_ID_CONFIG, "iterwatch-tools",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ANSWER_SECONDS * 1000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ANSWER_SECONDS * 1000));
    }

    /** The running broker writes its port (port 0 picks one); before any run the configured port is the guess. */
    private static String embedded(IterwatchConfig config) {
        Path file = config.storage().dataDir().resolve("kafka.port");
        try {
            if (Files.exists(file)) {
                return "127.0.0.1:" + Integer.parseInt(Files.readString(file).strip());
            }
        } catch (IOException | NumberFormatException e) {
            throw new IterwatchException("cannot read " + file + ": " + e.getMessage());
        }
        if (config.kafka().embeddedPort() == 0) {
            throw new IterwatchException("no " + file + ": start iterwatch first (it runs the embedded broker and "
                    + "writes its port there), or set KAFKA_BOOTSTRAP_SERVERS");
        }
        return "127.0.0.1:" + config.kafka().embeddedPort();
    }

    /** A tool's output is its answer: the clients' reconnect warnings would bury it. */
    private static void quietKafkaClients() {
        if (LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(Level.OFF);
        }
    }
}
