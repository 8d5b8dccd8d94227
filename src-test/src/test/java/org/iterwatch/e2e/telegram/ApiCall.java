package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request the fake received, as it was answered.
 *
 * @param seq             order of arrival (calls are listed by it)
 * @param method          canonical camelCase method name ({@code sendPhoto}), or the name as sent when unknown
 * @param requestedMethod the method name exactly as it appeared in the URL
 * @param params          all non-file parameters; JSON values that are not strings are kept as JSON text
 * @param files           uploaded file parts
 * @param chatId          the numeric {@code chat_id} parameter, when present
 * @param receivedAt      when the request arrived
 * @param status          HTTP status answered; 0 when the connection was dropped without an answer
 * @param response        the JSON body answered ("" when dropped)
 */
public record ApiCall(long seq, String method, String requestedMethod, Map<String, String> params,
                      List<UploadedFile> files, OptionalLong chatId, Instant receivedAt, int status,
                      String response) {

    public ApiCall {
        params = Map.copyOf(params);
        files = List.copyOf(files);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** A parameter parsed as JSON (e.g. {@code reply_markup}, {@code media}); a missing node when absent. */
    public JsonNode jsonParam(String name) {
        String value = params.get(name);
        if (value == null) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(value);
        }
    }

    public Optional<UploadedFile> file(String field) {
        return files.stream().filter(f -> f.field().equals(field)).findFirst();
    }

    /**
     * The file a parameter refers to: the part named by its {@code attach://name} value (telegrambots sends
     * {@code photo=attach://chart.png} plus a file part named {@code chart.png}), else a part named like the parameter.
     */
    public Optional<UploadedFile> attachment(String param) {
        String value = params.get(param);
        if (value != null && value.startsWith("attach://")) {
            return file(value.substring("attach://".length()));
        }
        return file(param);
    }

    public boolean ok() {
        return status == 200;
    }

    public boolean dropped() {
        return status == 0;
    }

    public JsonNode responseJson() {
        try {
            return response.isEmpty() ? MissingNode.getInstance() : Json.MAPPER.readTree(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fake answered invalid JSON: " + response, e);
        }
    }

    /** The {@code description} of an error answer, or "" for a success. */
    public String description() {
        return responseJson().path("description").asText("");
    }

    /** A short one-line form for failure messages. */
    public String summary() {
        String chat = chatId.isPresent() ? " chat=" + chatId.getAsLong() : "";
        String outcome = dropped() ? "dropped" : status + (ok() ? "" : " " + description());
        return "#" + seq + " " + method + chat + " -> " + outcome;
    }
}
