package org.iterwatch.e2e.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iterwatch.config.ConfigLoader;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;

/**
 * One iterwatch installation for a test: its data directory, config file and process, wired to
 * a real Kafka broker and the fake Bot API; restartable on the same data, like a real deployment.
 */
public final class Iterwatch implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Solvers' bearer tokens for the events API; tests assert they never reach a log. */
    public static final String API_TOKEN = "test-api-token-5f1c0e7a9b3d";
    public static final String OTHER_API_TOKEN = "test-api-token-other-8e2d4c6b";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Quick enough for tests: a reply to a command arrives within a second, a chart is redrawn 3 times a second. */
    private static final String DEFAULTS = """
            telegram:
              pollTimeout: 1s
            monitors:
              refreshPeriod: 300ms
            http:
              bindAddress: 127.0.0.1
              port: 0
            """;
    private final Path dir;
    private final ObjectNode config = parse(DEFAULTS);
    private final FakeTelegram telegram;
    private final Map<String, String> environment = new HashMap<>();
    private IterwatchProcess process;
    private List<String> jvmFlags;
    private int runs;
    private int tools;

    public Iterwatch(Path dir, FakeTelegram telegram, KafkaBroker kafka, long... admins) {
        this(dir, telegram, kafka.bootstrapServers(), admins);
    }

    /**
     * An installation without KAFKA_BOOTSTRAP_SERVERS: iterwatch starts its own embedded broker, on a free
     * port ({@link #embeddedKafka()} tells which).
     */
    public static Iterwatch withEmbeddedKafka(Path dir, FakeTelegram telegram, long... admins) {
        return new Iterwatch(dir, telegram, (String) null, admins);
    }

    private Iterwatch(Path dir, FakeTelegram telegram, String bootstrapServers, long... admins) {
        this.dir = dir;
        this.telegram = telegram;
        writeConfig();
        environment.put("TELEGRAM_BOT_TOKEN", telegram.token());
        environment.put("TELEGRAM_API_URL", telegram.baseUrl());
        if (bootstrapServers != null) {
            environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        } else {
            environment.put("ITERWATCH_KAFKA_PORT", "0");
        }
        environment.put("ITERWATCH_DATA_DIR", dir.resolve("data").toString());
        environment.put("ITERWATCH_CONFIG", dir.resolve("iterwatch.yml").toString());
        environment.put("ITERWATCH_API_TOKENS", API_TOKEN + "," + OTHER_API_TOKEN);
        // Also when a test writes its own iterwatch.yml: a fixed port would clash with parallel builds.
        environment.put("ITERWATCH_HTTP_PORT", "0");
        environment.put("ITERWATCH_ADMINS", String.join(",", Arrays.stream(admins).mapToObj(String::valueOf).toList()));
    }

    /**
     * Lays YAML over the config file, from the next start on: keys are merged into the sections they name
     * ({@code monitors: {failureLimit: 3}} keeps the default refreshPeriod), a key set to null is taken out
     * again (back to iterwatch's own default).
     */
    public Iterwatch configure(String yaml) {
        merge(config, parse(yaml));
        writeConfig();
        return this;
    }

    /** The group chats it serves (telegram.groups), from the next start on. */
    public Iterwatch groups(long... chatIds) {
        environment.put("ITERWATCH_GROUPS", String.join(",", Arrays.stream(chatIds).mapToObj(String::valueOf).toList()));
        return this;
    }

    /** JVM flags of the next starts instead of the tests' quick-start ones (a benchmark measures production flags). */
    public Iterwatch jvmFlags(String... flags) {
        jvmFlags = List.of(flags);
        return this;
    }

    /** Sets (or, with null, removes) an environment variable of the next start, e.g. to give it a wrong token. */
    public Iterwatch environment(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** The configuration this installation's process would read, for running iterwatch inside the test's JVM. */
    public IterwatchConfig config() {
        return new ConfigLoader().load(dir.resolve("iterwatch.yml"), environment);
    }

    /** Where its database and files are, e.g. to read the database after {@link #stop()}. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** The port the HTTP API of the running process listens on. */
    public int httpPort() {
        try {
            return Integer.parseInt(Files.readString(dir.resolve("data").resolve("http.port")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the embedded broker of the running process listens (see {@link #withEmbeddedKafka}). */
    public String embeddedKafka() {
        try {
            return "127.0.0.1:" + Integer.parseInt(Files.readString(dataDir().resolve("kafka.port")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** Where /healthz and /metrics are when http.managementPort is set (ITERWATCH_MANAGEMENT_PORT=0 in tests). */
    public String managementUrl() {
        try {
            return "http://127.0.0.1:" + Files.readString(dir.resolve("data").resolve("http-management.port")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Iterwatch start() {
        try {
            Files.deleteIfExists(dir.resolve("data").resolve("http.port"));
            Files.deleteIfExists(dir.resolve("data").resolve("kafka.port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("iterwatch-" + (++runs) + ".log");
        process = jvmFlags == null ? IterwatchProcess.start(environment, log) : IterwatchProcess.start(environment, log, jvmFlags);
        telegram.awaitPolling(TIMEOUT);
        return this;
    }

    /** SIGTERM: an orderly shutdown, everything written and closed; returns the exit code. */
    public int stop() {
        return process.stop();
    }

    /** Like kill -9: nothing is flushed or closed. */
    public void kill() {
        process.kill();
    }

    public IterwatchProcess process() {
        return process;
    }

    /** Sends a command as this user in their private chat and returns the bot's HTML reply. */
    public String ask(long userId, String text) {
        return new ChatView(telegram).ask(userId, text);
    }

    public static boolean toChat(ApiCall call, long chatId) {
        return ChatView.toChat(call, chatId);
    }

    /** What a command-line tool printed, and how it ended. */
    public record ToolRun(int exitCode, String out, String err) {
    }

    /**
     * Runs {@code iterwatch <args>} (a tool such as {@code topic list} or {@code demo}) to its end, with this
     * installation's environment, as someone on the same machine would from a shell.
     */
    public ToolRun runTool(Duration timeout, String... args) {
        int n = ++tools;
        Path out = dir.resolve("tool-" + n + ".out");
        Path err = dir.resolve("tool-" + n + ".err");
        IterwatchProcess tool = IterwatchProcess.launch(environment, List.of(args), out, err);
        int exit = tool.awaitExit(timeout);
        try {
            return new ToolRun(exit, Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> log() {
        return process == null ? Optional.empty() : Optional.of(process.output());
    }

    /** What every run so far printed, one after another (each run writes a log of its own). */
    public String outputOfAllRuns() {
        StringBuilder all = new StringBuilder();
        for (int run = 1; run <= runs; run++) {
            try {
                all.append(Files.readString(dir.resolve("iterwatch-" + run + ".log")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private void writeConfig() {
        try {
            Files.writeString(dir.resolve("iterwatch.yml"), YAML.writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode parse(String yaml) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return YAML.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new IllegalArgumentException("config for a test must be a mapping of keys: " + yaml);
            }
            return (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config for a test is not valid YAML: " + yaml, e);
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = into.get(field.getKey());
            if (field.getValue().isNull()) {
                into.remove(field.getKey());
            } else if (existing instanceof ObjectNode section && field.getValue() instanceof ObjectNode more) {
                merge(section, more);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }
}
