package org.iterwatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks values Jackson cannot: ranges, formats, and the one key nobody can run without. */
final class ConfigValidator {
    static final String NO_TOKEN = "telegram.token: no Telegram bot token. Open Telegram, talk to @BotFather,"
            + " send /newbot, then set TELEGRAM_BOT_TOKEN=<the token it gives you> (or telegram.token in the config file).";
    private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,}");
    /** 256 MiB: Kafka's own size settings, which follow this key, are ints with room for a batch's overhead. */
    private static final int MAX_RECORD_BYTES = 256 * 1024 * 1024;

    private ConfigValidator() {
    }

    /** @param needsToken false for the command-line tools that talk to Kafka only (topic, demo) */
    static void validate(IterwatchConfig config, boolean needsToken) {
        if (needsToken && config.telegram().token().isEmpty()) {
            throw new ConfigException(NO_TOKEN);
        }
        List<String> problems = new ArrayList<>();
        Telegram telegram = config.telegram();
        if (!telegram.token().isEmpty() && !TOKEN.matcher(telegram.token().reveal()).matches()) {
            problems.add("telegram.token: does not look like a bot token (expected <digits>:<at least 20 letters,"
                    + " digits, _ or ->, as @BotFather gives it)");
        }
        String scheme = telegram.apiUrl().getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || telegram.apiUrl().getHost() == null) {
            problems.add("telegram.apiUrl: must be an http or https URL such as https://api.telegram.org");
        }
        for (int i = 0; i < telegram.admins().size(); i++) {
            Long id = telegram.admins().get(i);
            if (id == null || id <= 0) {
                problems.add("telegram.admins[" + i + "]: must be a positive Telegram user id");
            }
        }
        for (int i = 0; i < telegram.groups().size(); i++) {
            Long id = telegram.groups().get(i);
            if (id == null || id >= 0) {
                problems.add("telegram.groups[" + i + "]: must be a group chat id (negative, e.g. -1001234567890)");
            }
        }
        between(problems, "telegram.pollTimeout", telegram.pollTimeout(), Duration.ofSeconds(1), Duration.ofSeconds(100));
        int port = config.kafka().embeddedPort();
        if (port < 0 || port > 65535) {
            problems.add("kafka.embeddedPort: must be between 0 and 65535");
        }
        validateStorage(problems, config.storage());
        validateHttp(problems, config.http());
        if (config.api().eventsPerSecond() < 1) {
            problems.add("api.eventsPerSecond: must be at least 1");
        }
        for (int i = 0; i < config.api().tokens().size(); i++) {
            if (config.api().tokens().get(i).reveal().length() < 16) {
                problems.add("api.tokens[" + i + "]: too short, use at least 16 random characters");
            }
        }
        between(problems, "board.period", config.board().period(), Duration.ofSeconds(1), Duration.ofDays(1));
        Monitors monitors = config.monitors();
        between(problems, "monitors.refreshPeriod", monitors.refreshPeriod(), Duration.ofMillis(100), Duration.ofDays(1));
        if (monitors.threads() < 1 || monitors.threads() > 64) {
            problems.add("monitors.threads: must be between 1 and 64");
        }
        if (monitors.maxPoints() < 1000 || monitors.maxPoints() > 1_000_000_000) {
            problems.add("monitors.maxPoints: must be between 1000 and 1000000000");
        }
        if (monitors.maxRecordBytes() < 1024 || monitors.maxRecordBytes() > MAX_RECORD_BYTES) {
            problems.add("monitors.maxRecordBytes: must be between 1024 and " + MAX_RECORD_BYTES);
        }
        if (monitors.maxPointsPerMonitor() < 1000 || monitors.maxPointsPerMonitor() > 1_000_000_000) {
            problems.add("monitors.maxPointsPerMonitor: must be between 1000 and 1000000000");
        }
        between(problems, "monitors.stallPeriod", monitors.stallPeriod(), Duration.ofSeconds(1), Duration.ofDays(30));
        if (monitors.failureLimit() < 1 || monitors.failureLimit() > 1000) {
            problems.add("monitors.failureLimit: must be between 1 and 1000");
        }
        Delivery delivery = config.delivery();
        atLeastOne(problems, "delivery.overallPerSecond", delivery.overallPerSecond());
        atLeastOne(problems, "delivery.privateChatPerSecond", delivery.privateChatPerSecond());
        atLeastOne(problems, "delivery.groupPerMinute", delivery.groupPerMinute());
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    private static void validateStorage(List<String> problems, Storage storage) {
        String url = storage.databaseUrl();
        if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            problems.add("storage.databaseUrl: must be a jdbc:postgresql://host:port/database URL (or jdbc:h2:…); "
                    + "user and password go in ITERWATCH_DATABASE_USER and ITERWATCH_DATABASE_PASSWORD");
        }
        between(problems, "storage.lease", storage.lease(), Duration.ofSeconds(2), Duration.ofMinutes(5));
        if (storage.instanceName() != null && storage.instanceName().length() > 200) {
            problems.add("storage.instanceName: at most 200 characters");
        }
    }

    private static void validateHttp(List<String> problems, Http http) {
        if (http.port() < 0 || http.port() > 65535) {
            problems.add("http.port: must be between 0 and 65535");
        }
        if (http.maxBodyBytes() < 1024) {
            problems.add("http.maxBodyBytes: must be at least 1024");
        }
        between(problems, "http.idleTimeout", http.idleTimeout(), Duration.ofSeconds(1), Duration.ofMinutes(10));
        if (http.minBodyBytesPerSecond() < 1 || http.minBodyBytesPerSecond() > http.maxBodyBytes()) {
            problems.add("http.minBodyBytesPerSecond: must be between 1 and http.maxBodyBytes (" + http.maxBodyBytes() + ")");
        }
        atLeastOne(problems, "http.maxConnectionsPerAddress", http.maxConnectionsPerAddress());
        if (http.maxConnections() < http.maxConnectionsPerAddress()) {
            problems.add("http.maxConnections: must be at least http.maxConnectionsPerAddress ("
                    + http.maxConnectionsPerAddress() + ")");
        }
        atLeastOne(problems, "http.requestsPerAddressPerSecond", http.requestsPerAddressPerSecond());
        if (!http.separateManagement()) {
            if (http.managementBindAddress() != null) {
                problems.add("http.managementBindAddress: only used with http.managementPort; set that too");
            }
        } else if (http.managementPort() < 0 || http.managementPort() > 65535) {
            problems.add("http.managementPort: must be between 0 and 65535");
        } else if (http.managementPort() != 0 && http.managementPort().equals(http.port())) {
            problems.add("http.managementPort: must differ from http.port (leave it out to serve /healthz and /metrics on"
                    + " http.port)");
        }
    }

    private static void atLeastOne(List<String> problems, String key, int value) {
        if (value < 1) {
            problems.add(key + ": must be at least 1 (was " + value + ")");
        }
    }

    private static void between(List<String> problems, String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(key + ": must be between " + Durations.format(min) + " and " + Durations.format(max)
                    + " (was " + Durations.format(value) + ")");
        }
    }
}
