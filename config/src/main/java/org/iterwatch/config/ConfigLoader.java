package org.iterwatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the optional YAML file, lays the environment variables over it, and validates the result.
 * Environment wins over the file so a deployment can override one key without editing YAML.
 */
public final class ConfigLoader {
    /** Environment variable → config key. */
    public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("TELEGRAM_BOT_TOKEN", "telegram.token"),
            Map.entry("TELEGRAM_API_URL", "telegram.apiUrl"),
            Map.entry("ITERWATCH_ADMINS", "telegram.admins"),
            Map.entry("ITERWATCH_GROUPS", "telegram.groups"),
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
            Map.entry("ITERWATCH_KAFKA_PORT", "kafka.embeddedPort"),
            Map.entry("ITERWATCH_DATA_DIR", "storage.dataDir"),
            Map.entry("ITERWATCH_DATABASE_URL", "storage.databaseUrl"),
            Map.entry("ITERWATCH_DATABASE_USER", "storage.databaseUser"),
            Map.entry("ITERWATCH_DATABASE_PASSWORD", "storage.databasePassword"),
            Map.entry("ITERWATCH_INSTANCE_NAME", "storage.instanceName"),
            Map.entry("ITERWATCH_REFRESH_PERIOD", "monitors.refreshPeriod"),
            Map.entry("ITERWATCH_HTTP_PORT", "http.port"),
            Map.entry("ITERWATCH_MANAGEMENT_PORT", "http.managementPort"),
            Map.entry("ITERWATCH_API_TOKENS", "api.tokens"));

    private static final Set<String> LISTS = Set.of("telegram.admins", "telegram.groups", "api.tokens");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule()
                    .addDeserializer(Duration.class, new DurationDeserializer())
                    .addDeserializer(Secret.class, new SecretDeserializer()));

    public IterwatchConfig load(Path file, Map<String, String> environment) {
        return load(file, environment, true);
    }

    /** The same configuration for the command-line tools that need Kafka and the data dir, not Telegram. */
    public IterwatchConfig loadWithoutToken(Path file, Map<String, String> environment) {
        return load(file, environment, false);
    }

    private IterwatchConfig load(Path file, Map<String, String> environment, boolean needsToken) {
        ObjectNode tree = readFile(file);
        overlay(tree, environment);
        IterwatchConfig config = bind(tree, file);
        ConfigValidator.validate(config, needsToken);
        return config;
    }

    private ObjectNode readFile(Path file) {
        if (file == null) {
            return yaml.createObjectNode();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + ": not found");
        }
        try {
            var node = yaml.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("config file " + file + ": expected a mapping of keys at the top");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + ": not valid YAML: " + yamlProblem(e));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot be read: " + e.getMessage());
        }
    }

    /** What is wrong and where, without SnakeYAML's quote of the line: that line may hold a token. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String context = marked.getContext() == null ? "" : marked.getContext() + ", ";
            return context + marked.getProblem() + " (line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ")";
        }
        return e.getLocation() == null ? "syntax error"
                : "syntax error at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static void overlay(ObjectNode tree, Map<String, String> environment) {
        ENVIRONMENT.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                return;
            }
            String[] path = key.split("\\.");
            ObjectNode section = tree.has(path[0]) && tree.get(path[0]).isObject()
                    ? (ObjectNode) tree.get(path[0]) : tree.putObject(path[0]);
            if (LISTS.contains(key)) {
                ArrayNode ids = section.putArray(path[1]);
                for (String id : value.split("[,\\s]+")) {
                    if (!id.isEmpty()) {
                        ids.add(id);
                    }
                }
            } else {
                section.put(path[1], value.strip());
            }
        });
    }

    private IterwatchConfig bind(ObjectNode tree, Path file) {
        try {
            return yaml.treeToValue(tree, IterwatchConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(keyOf(e) + ": unknown key" + (known.isEmpty() ? "" : " (known here: " + known + ")"));
        } catch (JsonMappingException e) {
            throw new ConfigException(keyOf(e) + ": " + reason(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config" + (file == null ? "" : " file " + file) + ": " + e.getOriginalMessage());
        }
    }

    private static String keyOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Cannot deserialize value of type")) {
            String type = message.replaceFirst("Cannot deserialize value of type `([^`]*)`.*", "$1");
            return "expected " + friendly(type);
        }
        return message.lines().findFirst().orElse(message);
    }

    private static String friendly(String type) {
        return switch (type) {
            case "java.lang.Long", "long", "java.lang.Integer", "int" -> "a whole number";
            case "java.net.URI" -> "a URL";
            default -> List.of(type.split("\\.")).get(type.split("\\.").length - 1).toLowerCase();
        };
    }

    private static final class DurationDeserializer extends StdDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return Durations.parse(p.getValueAsString());
        }
    }

    private static final class SecretDeserializer extends StdDeserializer<Secret> {
        SecretDeserializer() {
            super(Secret.class);
        }

        @Override
        public Secret deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return new Secret(p.getValueAsString());
        }
    }
}
