package org.iterwatch.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Arrays;

/**
 * Parses the record shapes of contract 1 with Jackson's streaming parser: number parsing
 * dominates ingest, and the fast double parser makes it about three times quicker.
 */
final class RecordParser {
    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            // NaN, Infinity, -Infinity as Python's json module writes them: a diverging solver's values are data
            // (JavaScript, pandas and some C++ libraries write them as strings: see nonFinite)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final int maxValues;

    RecordParser(int maxValues) {
        this.maxValues = maxValues;
    }

    ParsedRecord parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new BadRecordException("empty record");
        }
        try (JsonParser p = json.createParser(value)) {
            ParsedRecord record = parseTop(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new BadRecordException("unexpected data after the JSON value");
            }
            return record;
        } catch (IOException e) {
            throw new BadRecordException("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private ParsedRecord parseTop(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            return new ParsedRecord(null, null, numbers(p), null, null, false, null);
        }
        double[] single = single(p, token);
        if (single != null) {
            return new ParsedRecord(null, null, single, null, null, false, null);
        }
        if (token == JsonToken.START_OBJECT) {
            return parseObject(p);
        }
        throw new BadRecordException("expected a JSON object, array or number");
    }

    private ParsedRecord parseObject(JsonParser p) throws IOException {
        Long iteration = null;
        Long index = null;
        double[] values = null;
        Double single = null;
        double[] x = null;
        String series = null;
        boolean last = false;
        Long total = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "iteration" -> iteration = wholeNumber(p, token, "iteration");
                case "index" -> index = wholeNumber(p, token, "index");
                case "values" -> values = expectArray(p, token, "values");
                case "value" -> single = number(p, token, "value");
                case "payload" -> values = payload(p, token);
                case "series" -> series = text(p, token, "series");
                case "x" -> x = finite(expectArray(p, token, "x"));
                case "final" -> last = token == JsonToken.VALUE_TRUE;
                case "total" -> total = wholeNumber(p, token, "total");
                default -> p.skipChildren();
            }
        }
        if (values == null && single != null) {
            values = new double[] {single};
        }
        if (values != null) {
            if (x != null && x.length != values.length) {
                throw new BadRecordException("\"x\" has " + x.length + " values but there are " + values.length);
            }
            return new ParsedRecord(iteration, index, values, x, series, last, total);
        }
        throw new BadRecordException("the object has none of \"values\", \"value\" or \"payload\"");
    }

    /** The published system's envelope: a JSON string that itself holds an array (or a number). */
    private double[] payload(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadRecordException("\"payload\" must be a string holding a JSON array");
        }
        try (JsonParser inner = json.createParser(p.getText())) {
            JsonToken first = inner.nextToken();
            double[] values = first == JsonToken.START_ARRAY ? numbers(inner) : single(inner, first);
            if (values == null || inner.nextToken() != null) {
                throw new BadRecordException("\"payload\" must hold a JSON array of numbers");
            }
            return values;
        }
    }

    private double[] expectArray(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw new BadRecordException("\"" + field + "\" must be an array of numbers");
        }
        return numbers(p);
    }

    private double[] numbers(JsonParser p) throws IOException {
        double[] values = new double[64];
        int n = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            double v;
            if (token != null && token.isNumeric()) {
                v = value(p.getDoubleValue());
            } else {
                v = nonFiniteOrRefuse(p, token, "value " + n + " of the array is not a number");
            }
            if (n == values.length) {
                if (n >= maxValues) {
                    throw new BadRecordException("more than " + maxValues + " values in one record");
                }
                values = Arrays.copyOf(values, Math.min(maxValues, n * 2));
            }
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }

    /**
     * Where a record's first value goes. The JSON "index" and the header index obey this one bound (every
     * value at an index below maxValues), checked before a row grows: an index is never an allocation size.
     *
     * @param index  the index the record gives, or null for 0
     * @param origin where the index came from, for the reason: "index" or "header index"
     */
    int firstIndex(Long index, int length, String origin) {
        long first = index == null ? 0 : index;
        if (first >= maxValues) {
            throw new BadRecordException(origin + " " + first + " is beyond the last index " + (maxValues - 1)
                    + " (monitors.maxPoints)");
        }
        if (first + length > maxValues) {
            throw new BadRecordException(origin + " " + first + " with " + length + " values reaches beyond the last index "
                    + (maxValues - 1) + " (monitors.maxPoints)");
        }
        return (int) first;
    }

    /** Any NaN as the one plain NaN: {@link Row} keeps another NaN for its empty cells. */
    private static double value(double v) {
        return v != v ? Double.NaN : v;
    }

    private static double[] finite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new BadRecordException("\"x\" holds a value that is not a finite number");
            }
        }
        return x;
    }

    private static long wholeNumber(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new BadRecordException("\"" + field + "\" must be a whole number");
        }
        long v = p.getLongValue();
        if (v < 0) {
            throw new BadRecordException("\"" + field + "\" must not be negative");
        }
        return v;
    }

    private static double number(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != null && token.isNumeric()) {
            return value(p.getDoubleValue());
        }
        return nonFiniteOrRefuse(p, token, "\"" + field + "\" must be a number");
    }

    /**
     * The non-finite value a JSON string names: "NaN", "Infinity" or "-Infinity", exactly, as JavaScript's
     * encoders, pandas' to_json and some C++ libraries write what Python's json writes bare. Null for any other text.
     */
    /** A record of one value: a number, or a string naming a non-finite value; null for anything else. */
    private static double[] single(JsonParser p, JsonToken token) throws IOException {
        if (token != null && token.isNumeric()) {
            return new double[] {value(p.getDoubleValue())};
        }
        Double named = token == JsonToken.VALUE_STRING ? nonFinite(p.getText()) : null;
        return named == null ? null : new double[] {named};
    }

    private static Double nonFinite(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /**
     * Where a number must be: a string naming a non-finite value is one, anything else is refused with
     * {@code refusal} (and, for a string, which strings are taken).
     */
    private static double nonFiniteOrRefuse(JsonParser p, JsonToken token, String refusal) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadRecordException(refusal);
        }
        Double named = nonFinite(p.getText());
        if (named == null) {
            throw new BadRecordException(refusal + " (of strings, only \"NaN\", \"Infinity\" and \"-Infinity\" are taken)");
        }
        return named;
    }

    private static String text(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadRecordException("\"" + field + "\" must be a string");
        }
        return p.getText();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
