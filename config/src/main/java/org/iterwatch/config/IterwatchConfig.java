package org.iterwatch.config;

import java.nio.file.Path;

/**
 * The whole configuration, immutable. Missing sections get their defaults, so an empty YAML file
 * (or none) plus a bot token is a working setup.
 */
public record IterwatchConfig(Telegram telegram, Kafka kafka, Storage storage, Monitors monitors, Http http, Api api,
                              Delivery delivery, Board board) {
    public IterwatchConfig {
        telegram = telegram == null ? new Telegram(null, null, null, null, null) : telegram;
        kafka = kafka == null ? new Kafka(null, null) : kafka;
        storage = storage == null ? new Storage(null, null) : storage;
        monitors = monitors == null ? new Monitors(null, null, null, null, null, null, null) : monitors;
        http = http == null ? new Http(null, null, null, null, null, null, null, null, null, null) : http;
        api = api == null ? new Api(null, null) : api;
        delivery = delivery == null ? new Delivery(null, null, null) : delivery;
        board = board == null ? new Board(null) : board;
    }

    /** Where the H2 database lives unless {@code storage.databaseUrl} says otherwise. */
    public String databaseUrl() {
        if (storage.databaseUrl() != null) {
            return storage.databaseUrl();
        }
        Path db = storage.dataDir().resolve("iterwatch").toAbsolutePath();
        return "jdbc:h2:async:" + db;
    }

    public Path embeddedKafkaDir() {
        return storage.dataDir().resolve("kafka");
    }
}
