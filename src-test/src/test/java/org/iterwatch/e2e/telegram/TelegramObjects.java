package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds Bot API objects (User, Chat, Message, PhotoSize...) as JSON. */
final class TelegramObjects {
    private static final int THUMBNAIL_SIDE = 90;

    private TelegramObjects() {
    }

    static ObjectNode user(TelegramUser user) {
        ObjectNode node = Json.object();
        node.put("id", user.id());
        node.put("is_bot", user.isBot());
        node.put("first_name", user.firstName());
        if (user.username() != null) {
            node.put("username", user.username());
        }
        if (!user.isBot()) {
            node.put("language_code", "en");
        }
        return node;
    }

    static ObjectNode botUser(TelegramUser bot) {
        ObjectNode node = user(bot);
        node.put("can_join_groups", true);
        node.put("can_read_all_group_messages", false);
        node.put("supports_inline_queries", false);
        return node;
    }

    static ObjectNode chat(ChatInfo chat) {
        ObjectNode node = Json.object();
        node.put("id", chat.id());
        node.put("type", chat.type());
        if (chat.isGroup()) {
            node.put("title", chat.title());
        } else {
            node.put("first_name", "User " + chat.id());
        }
        if (chat.forum()) {
            node.put("is_forum", true);
        }
        return node;
    }

    static ObjectNode message(ChatMessage message, ChatInfo chat) {
        ObjectNode node = Json.object();
        node.put("message_id", message.messageId());
        if (message.threadId() != null) {
            node.put("message_thread_id", message.threadId());
            node.put("is_topic_message", true);
        }
        node.set("from", user(message.from()));
        node.set("chat", chat(chat));
        node.put("date", message.date());
        if (message.editDate() != null) {
            node.put("edit_date", message.editDate());
        }
        if (message.text() != null) {
            node.put("text", Markup.plainText(message.text(), message.parseMode()));
            if (!message.fromBot() && message.text().startsWith("/")) {
                node.set("entities", botCommandEntity(message.text()));
            }
        }
        if (message.isPhoto()) {
            node.set("photo", photoSizes(message.media()));
        } else if (message.isDocument()) {
            node.set("document", document(message.media()));
        }
        if (message.caption() != null) {
            node.put("caption", Markup.plainText(message.caption(), message.parseMode()));
        }
        if (message.hasKeyboard()) {
            node.set("reply_markup", keyboard(message.keyboard()));
        }
        return node;
    }

    private static ArrayNode botCommandEntity(String text) {
        int end = text.indexOf(' ');
        ObjectNode entity = Json.object();
        entity.put("offset", 0);
        entity.put("length", end < 0 ? text.length() : end);
        entity.put("type", "bot_command");
        return Json.MAPPER.createArrayNode().add(entity);
    }

    static ArrayNode photoSizes(MediaFile photo) {
        ArrayNode sizes = Json.MAPPER.createArrayNode();
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(1, Math.max(photo.width(), photo.height())));
        if (scale < 1.0) {
            sizes.add(photoSize(photo.fileId() + "-s", photo.fileUniqueId() + "-s",
                    (int) Math.max(1, Math.round(photo.width() * scale)),
                    (int) Math.max(1, Math.round(photo.height() * scale)), photo.bytes().length / 16 + 1));
        }
        sizes.add(photoSize(photo.fileId(), photo.fileUniqueId(), photo.width(), photo.height(), photo.bytes().length));
        return sizes;
    }

    private static ObjectNode photoSize(String fileId, String uniqueId, int width, int height, int size) {
        ObjectNode node = Json.object();
        node.put("file_id", fileId);
        node.put("file_unique_id", uniqueId);
        node.put("file_size", size);
        node.put("width", width);
        node.put("height", height);
        return node;
    }

    private static ObjectNode document(MediaFile file) {
        ObjectNode node = Json.object();
        node.put("file_id", file.fileId());
        node.put("file_unique_id", file.fileUniqueId());
        if (file.filename() != null) {
            node.put("file_name", file.filename());
        }
        if (file.mimeType() != null) {
            node.put("mime_type", file.mimeType());
        }
        node.put("file_size", file.bytes().length);
        return node;
    }

    static ObjectNode keyboard(List<List<InlineButton>> rows) {
        ObjectNode markup = Json.object();
        ArrayNode keyboard = markup.putArray("inline_keyboard");
        for (List<InlineButton> row : rows) {
            ArrayNode jsonRow = keyboard.addArray();
            for (InlineButton button : row) {
                ObjectNode b = jsonRow.addObject();
                b.put("text", button.text());
                if (button.callbackData() != null) {
                    b.put("callback_data", button.callbackData());
                }
                if (button.url() != null) {
                    b.put("url", button.url());
                }
            }
        }
        return markup;
    }
}
