package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Bot API parameters the ways Telegram accepts them: query string, urlencoded form, JSON body and
 * multipart form. JSON values that are not strings are kept as their JSON text, as Telegram treats them.
 */
final class RequestParser {
    private RequestParser() {
    }

    static ParsedRequest parse(String rawQuery, String contentType, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            parseUrlEncoded(rawQuery, params);
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return new ParsedRequest(params, List.of());
        }
        if (type.startsWith("multipart/form-data")) {
            return MultipartParser.parse(contentType, body, params);
        }
        if (type.startsWith("application/json")) {
            parseJson(new String(body, StandardCharsets.UTF_8), params);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            parseUrlEncoded(new String(body, StandardCharsets.ISO_8859_1), params);
        }
        return new ParsedRequest(params, List.of());
    }

    private static void parseUrlEncoded(String text, Map<String, String> params) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    private static void parseJson(String text, Map<String, String> params) {
        JsonNode root = Json.parse(text, "request");
        if (!root.isObject()) {
            throw TelegramError.badRequest("request body must be a JSON object").asException();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            params.put(field.getKey(), value.isTextual() ? value.asText() : Json.write(value));
        }
    }
}
