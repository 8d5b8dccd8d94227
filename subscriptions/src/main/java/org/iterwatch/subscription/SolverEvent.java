package org.iterwatch.subscription;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a solver tells us (contract 2 of DESIGN.md), from the HTTP API or the Kafka topic.
 *
 * @param details         the last lines of stderr, may be long; the alert keeps its tail
 * @param exitCode        null unless the solver ended
 * @param heartbeatSeconds the heartbeat period the solver promises, null when it sends none
 * @param durationSeconds how long the solver ran, null when unknown
 * @param topic           the Kafka topic the solver writes, null when not told: links its alerts to that chart
 */
public record SolverEvent(String solver, Kind event, String message, String details, String host, Integer exitCode,
                          Integer heartbeatSeconds, Long durationSeconds, String topic) {
    public enum Kind {
        STARTED, HEARTBEAT, STOPPED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern SOLVER = Pattern.compile("[A-Za-z0-9._:@/+-]{1,200}");
    /** Kafka's rule for topic names. */
    public static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Set<String> FIELDS = Set.of("solver", "event", "message", "details", "host", "exitCode",
            "heartbeatSeconds", "durationSeconds", "topic");

    public SolverEvent(String solver, Kind event, String message, String details, String host, Integer exitCode,
                       Integer heartbeatSeconds, Long durationSeconds) {
        this(solver, event, message, details, host, exitCode, heartbeatSeconds, durationSeconds, null);
    }
    private static final int MAX_DETAILS = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Reads and checks one event; a problem names its field. */
    public static SolverEvent parse(byte[] json) {
        JsonNode node = readOneObject(json);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadEventException(shorten(name), "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String solver = requiredText(node, "solver", 200);
        if (!SOLVER.matcher(solver).matches()) {
            throw new BadEventException("solver", "use letters, digits and . _ : @ / + - (at most 200)");
        }
        String event = requiredText(node, "event", 20);
        Kind kind;
        try {
            kind = Kind.valueOf(event.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadEventException("event", "must be one of started, heartbeat, stopped, failed");
        }
        Integer heartbeat = integer(node, "heartbeatSeconds", 1, 86_400);
        Long duration = node.hasNonNull("durationSeconds") ? (long) integer(node, "durationSeconds", 0, Integer.MAX_VALUE) : null;
        String topic = text(node, "topic", 249);
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw new BadEventException("topic", "a Kafka topic name: letters, digits, '.', '_' and '-', at most 249");
        }
        return new SolverEvent(solver, kind, text(node, "message", 2000), text(node, "details", MAX_DETAILS),
                text(node, "host", 255), integer(node, "exitCode", -1024, 1024), heartbeat, duration, topic);
    }

    /** Exactly one JSON object: after it only whitespace, so a second event or stray text is refused, not dropped. */
    private static JsonNode readOneObject(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonNode node = parser.nextToken() == null ? null : JSON.readTree(parser);
            if (node == null || !node.isObject()) {
                throw new BadEventException("body", "expected a JSON object");
            }
            if (trailing(parser)) {
                throw new BadEventException("body", "text after the JSON object; send exactly one event (one object)"
                        + " per request or record");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadEventException("body", "not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new BadEventException("body", "cannot be read");
        }
    }

    private static boolean trailing(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private static String requiredText(JsonNode node, String field, int max) {
        String value = text(node, field, max);
        if (value == null || value.isBlank()) {
            throw new BadEventException(field, "missing");
        }
        return value.strip();
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadEventException(field, "expected a string");
        }
        if (value.asText().length() > max) {
            throw new BadEventException(field, "longer than " + max + " characters");
        }
        return value.asText();
    }

    private static Integer integer(JsonNode node, String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new BadEventException(field, "expected a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private static String shorten(String name) {
        String printable = name.replaceAll("[^A-Za-z0-9_]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    static {
        // Reject absurd nesting or numbers early; bodies are small anyway.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build());
    }
}
