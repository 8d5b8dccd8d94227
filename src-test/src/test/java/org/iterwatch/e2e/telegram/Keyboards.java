package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads and checks inline keyboards of {@code reply_markup} like Telegram. */
final class Keyboards {
    static final int MAX_CALLBACK_DATA_BYTES = 64;

    private Keyboards() {
    }

    /** The inline keyboard of a reply_markup parameter; empty for none (other markup kinds are not stored). */
    static List<List<InlineButton>> parse(JsonNode markup) {
        if (markup.isMissingNode() || markup.isNull()) {
            return List.of();
        }
        if (!markup.isObject()) {
            throw TelegramError.badRequest("can't parse reply keyboard markup JSON object").asException();
        }
        JsonNode rows = markup.path("inline_keyboard");
        if (rows.isMissingNode()) {
            return List.of();
        }
        if (!rows.isArray()) {
            throw TelegramError.badRequest("can't parse inline keyboard button: field \"inline_keyboard\" must be"
                    + " an Array").asException();
        }
        List<List<InlineButton>> keyboard = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw TelegramError.badRequest("can't parse inline keyboard button: InlineKeyboardButton must be"
                        + " an Object").asException();
            }
            List<InlineButton> buttons = new ArrayList<>();
            for (JsonNode button : row) {
                buttons.add(button(button));
            }
            if (!buttons.isEmpty()) {
                keyboard.add(List.copyOf(buttons));
            }
        }
        return List.copyOf(keyboard);
    }

    private static InlineButton button(JsonNode button) {
        String text = button.path("text").asText("");
        if (text.isEmpty()) {
            throw TelegramError.badRequest("can't parse inline keyboard button: Text must be non-empty")
                    .asException();
        }
        String data = button.hasNonNull("callback_data") ? button.get("callback_data").asText() : null;
        String url = button.hasNonNull("url") ? button.get("url").asText() : null;
        if (data != null && (data.isEmpty() || data.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES)) {
            throw TelegramError.badRequest("BUTTON_DATA_INVALID").asException();
        }
        if (data == null && url == null && !hasOtherAction(button)) {
            throw TelegramError.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the"
                    + " inline keyboard").asException();
        }
        return new InlineButton(text, data, url);
    }

    private static boolean hasOtherAction(JsonNode button) {
        for (String field : List.of("web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
                "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay")) {
            if (button.has(field)) {
                return true;
            }
        }
        return false;
    }
}
