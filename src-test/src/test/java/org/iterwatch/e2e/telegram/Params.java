package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed access to the parameters of one request, failing the way Telegram does. */
final class Params {
    private final Map<String, String> values;
    private final List<UploadedFile> files;

    Params(ParsedRequest request) {
        this.values = request.params();
        this.files = request.files();
    }

    String text(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    /** A numeric parameter; empty when absent, 400 when it is not a number. */
    OptionalLong number(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw TelegramError.badRequest("invalid " + name + " specified").asException();
        }
    }

    long requiredNumber(String name, String whenMissing) {
        return number(name).orElseThrow(() -> TelegramError.badRequest(whenMissing).asException());
    }

    /** The chat a request addresses; "@username" chats are unknown to the fake. */
    long chatId() {
        String value = values.get("chat_id");
        if (value == null || value.isBlank()) {
            throw TelegramError.badRequest("chat_id is empty").asException();
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw TelegramError.chatNotFound().asException();
        }
    }

    /** The numeric chat_id when there is one, for the call log and failure rules. */
    static OptionalLong chatIdOf(Map<String, String> params) {
        try {
            String value = params.get("chat_id");
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    JsonNode json(String name) {
        String value = values.get(name);
        return value == null ? MissingNode.getInstance() : Json.parse(value, name);
    }

    Optional<UploadedFile> file(String field) {
        return files.stream().filter(f -> f.field().equals(field)).findFirst();
    }
}
