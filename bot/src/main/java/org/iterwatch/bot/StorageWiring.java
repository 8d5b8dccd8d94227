package org.iterwatch.bot;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.iterwatch.bot.kafka.EmbeddedKafka;
import org.iterwatch.bot.storage.DatabasePool;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.ConfigException;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.monitor.MonitorSchema;
import org.iterwatch.subscription.SubscriptionSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What everything else keeps its data in: the data dir, the embedded broker (when configured), the database with
 * every module's tables, and the storage health that watches the local disk.
 *
 * @param kafka the bootstrap servers, the embedded broker's or the configured ones
 */
record StorageWiring(String kafka, HikariDataSource dataSource, StorageHealth health) {
    private static final Logger LOG = LoggerFactory.getLogger(StorageWiring.class);

    static StorageWiring wire(IterwatchConfig config, Lifecycle process) {
        createDataDir(config.storage().dataDir());
        String bootstrap = config.kafka().bootstrapServers();
        if (config.kafka().embedded()) {
            EmbeddedKafka broker = process.closeLater("embedded Kafka", EmbeddedKafka.start(config.embeddedKafkaDir(),
                    config.kafka().embeddedPort(), config.monitors().maxRecordBytes()));
            bootstrap = broker.bootstrapServers();
            writePort(config.storage().dataDir().resolve("kafka.port"), broker.port());
        }
        // Only the H2 file and the embedded broker live on the local disk; an external database and broker don't.
        StorageHealth health = new StorageHealth(Clock.systemUTC(),
                config.storage().databaseUrl() == null || config.kafka().embedded() ? config.storage().dataDir() : null);
        HikariDataSource dataSource = process.closeLater("database pool", DatabasePool.open(h2Url(config.databaseUrl()),
                config.storage().databaseUser(), config.storage().databasePassword().reveal(), health));
        MonitorSchema.migrate(dataSource);
        BotSchema.migrate(dataSource);
        SubscriptionSchema.migrate(dataSource);
        health.watch(dataSource);
        process.add("storage health", health);
        return new StorageWiring(bootstrap, dataSource, health);
    }

    static String h2Url(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        // A thread interrupted while H2 writes through a plain FileChannel closes the channel, and with it
        // the whole database (ClosedByInterruptException); shutdown interrupts busy workers. H2's "async:"
        // file system is immune, and reads the same files.
        String safe = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:async:" + url.substring("jdbc:h2:file:".length()) : url;
        // We close the database ourselves after Quartz has stopped, not from H2's own shutdown hook.
        if (!safe.contains("DB_CLOSE_ON_EXIT")) {
            safe += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        // H2 writes commits to its file up to 500 ms late by default: a kill -9 would lose accepted alerts.
        if (safe.startsWith("jdbc:h2:async:") && !safe.contains("WRITE_DELAY")) {
            safe += ";WRITE_DELAY=0";
        }
        return safe;
    }

    /** So that scripts (and tests) find a port 0 choice, like data/http.port. */
    private static void writePort(Path file, int port) {
        try {
            Files.writeString(file, String.valueOf(port));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.toString());
        }
    }

    private static void createDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("storage.dataDir: cannot create " + dir + ": " + e.getMessage());
        }
    }
}
