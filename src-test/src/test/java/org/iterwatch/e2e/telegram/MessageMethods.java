package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** sendMessage/sendPhoto/sendDocument, the edit methods, deleteMessage and pinning, with Telegram's checks. */
final class MessageMethods {
    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;

    private final ChatStore chats;
    private final RateLimiter limiter;
    private final TelegramUser bot;

    MessageMethods(ChatStore chats, RateLimiter limiter, TelegramUser bot) {
        this.chats = chats;
        this.limiter = limiter;
        this.bot = bot;
    }

    JsonNode sendMessage(Params p) {
        String parseMode = p.text("parse_mode");
        String text = checkedText(p.text("text"), parseMode);
        return send(p, (chat, id) -> new ChatMessage(chat, id, thread(p), bot, now(), null, text, null, null,
                parseMode, Keyboards.parse(p.json("reply_markup")), 0));
    }

    JsonNode sendPhoto(Params p) {
        return sendMedia(p, "photo");
    }

    JsonNode sendDocument(Params p) {
        return sendMedia(p, "document");
    }

    private JsonNode sendMedia(Params p, String kind) {
        String parseMode = p.text("parse_mode");
        String caption = checkedCaption(p.text("caption"), parseMode);
        List<List<InlineButton>> keyboard = Keyboards.parse(p.json("reply_markup"));
        ChatInfo chat = admit(p);
        MediaFile media = resolveMedia(p, kind, p.text(kind), kind);
        ChatMessage message = chats.append(chat.id(), id -> new ChatMessage(chat.id(), id, thread(p), bot, now(),
                null, null, media, caption, parseMode, keyboard, 0));
        return TelegramObjects.message(message, chat);
    }

    private interface MessageFactory {
        ChatMessage create(long chatId, long messageId);
    }

    private JsonNode send(Params p, MessageFactory factory) {
        ChatInfo chat = admit(p);
        ChatMessage message = chats.append(chat.id(), id -> factory.create(chat.id(), id));
        return TelegramObjects.message(message, chat);
    }

    JsonNode editMessageText(Params p) {
        String parseMode = p.text("parse_mode");
        String text = checkedText(p.text("text"), parseMode);
        List<List<InlineButton>> keyboard = Keyboards.parse(p.json("reply_markup"));
        return edit(p, current -> {
            if (current.text() == null) {
                throw TelegramError.badRequest("there is no text in the message to edit").asException();
            }
            return changed(current, sameFormatted(current.text(), current.parseMode(), text, parseMode)
                    && current.keyboard().equals(keyboard), text, current.media(), null, parseMode, keyboard);
        });
    }

    JsonNode editMessageCaption(Params p) {
        String parseMode = p.text("parse_mode");
        String caption = checkedCaption(p.text("caption"), parseMode);
        List<List<InlineButton>> keyboard = Keyboards.parse(p.json("reply_markup"));
        return edit(p, current -> {
            if (current.media() == null) {
                throw TelegramError.badRequest("there is no caption in the message to edit").asException();
            }
            return changed(current, sameFormatted(current.caption(), current.parseMode(), caption, parseMode)
                    && current.keyboard().equals(keyboard), null, current.media(), caption, parseMode, keyboard);
        });
    }

    /** Replaces media, caption and keyboard with exactly what the request carries (absent means removed). */
    JsonNode editMessageMedia(Params p) {
        JsonNode media = p.json("media");
        if (!media.isObject()) {
            throw TelegramError.badRequest("can't parse InputMedia: media is not specified").asException();
        }
        String kind = media.path("type").asText("");
        if (!kind.equals("photo") && !kind.equals("document")) {
            throw TelegramError.badRequest("can't parse InputMedia: unsupported media type \"" + kind + "\"")
                    .asException();
        }
        String parseMode = media.hasNonNull("parse_mode") ? media.get("parse_mode").asText() : null;
        String caption = checkedCaption(media.hasNonNull("caption") ? media.get("caption").asText() : null, parseMode);
        List<List<InlineButton>> keyboard = Keyboards.parse(p.json("reply_markup"));
        MediaFile file = resolveMedia(p, kind, media.path("media").asText(null), "media");
        return edit(p, current -> {
            if (current.media() == null) {
                throw TelegramError.badRequest("there is no media in the message to edit").asException();
            }
            return changed(current, file.sameContent(current.media())
                    && sameFormatted(current.caption(), current.parseMode(), caption, parseMode)
                    && current.keyboard().equals(keyboard),
                    null, file, caption, parseMode, keyboard);
        });
    }

    JsonNode editMessageReplyMarkup(Params p) {
        List<List<InlineButton>> keyboard = Keyboards.parse(p.json("reply_markup"));
        return edit(p, current -> changed(current, current.keyboard().equals(keyboard), current.text(),
                current.media(), current.caption(), current.parseMode(), keyboard));
    }

    JsonNode deleteMessage(Params p) {
        ChatInfo chat = chats.chatForRequest(p.chatId());
        long messageId = p.requiredNumber("message_id", "message identifier is not specified");
        if (!chats.delete(chat.id(), messageId)) {
            throw TelegramError.badRequest("message to delete not found").asException();
        }
        return BooleanNode.TRUE;
    }

    JsonNode pinChatMessage(Params p) {
        ChatInfo chat = chats.chatForRequest(p.chatId());
        long messageId = p.requiredNumber("message_id", "message identifier is not specified");
        if (!chats.pin(chat.id(), messageId)) {
            throw TelegramError.badRequest("message to pin not found").asException();
        }
        return BooleanNode.TRUE;
    }

    JsonNode unpinChatMessage(Params p) {
        ChatInfo chat = chats.chatForRequest(p.chatId());
        chats.unpin(chat.id(), p.number("message_id"));
        return BooleanNode.TRUE;
    }

    private JsonNode edit(Params p, java.util.function.UnaryOperator<ChatMessage> change) {
        if (!p.has("chat_id") && p.has("inline_message_id")) {
            throw TelegramError.badRequest("MESSAGE_ID_INVALID").asException();
        }
        ChatInfo chat = admit(p);
        long messageId = p.requiredNumber("message_id", "message identifier is not specified");
        ChatMessage edited = chats.edit(chat.id(), messageId, TelegramError.messageToEditNotFound(), current -> {
            if (!current.fromBot()) {
                throw TelegramError.badRequest("message can't be edited").asException();
            }
            return change.apply(current);
        });
        return TelegramObjects.message(edited, chat);
    }

    private ChatMessage changed(ChatMessage current, boolean unchanged, String text, MediaFile media, String caption,
                                String parseMode, List<List<InlineButton>> keyboard) {
        if (unchanged) {
            throw TelegramError.notModified().asException();
        }
        return new ChatMessage(current.chatId(), current.messageId(), current.threadId(), current.from(),
                current.date(), now(), text, media, caption, parseMode, keyboard, current.editCount() + 1);
    }

    private ChatInfo admit(Params p) {
        ChatInfo chat = chats.chatForRequest(p.chatId());
        limiter.admit(chat).ifPresent(error -> {
            throw error.asException();
        });
        return chat;
    }

    /** A new upload (file part, or attach://name), or a file_id the fake handed out before. */
    private MediaFile resolveMedia(Params p, String kind, String value, String field) {
        Optional<UploadedFile> upload = value != null && value.startsWith("attach://")
                ? p.file(value.substring("attach://".length())) : p.file(field);
        if (upload.isPresent()) {
            UploadedFile f = upload.get();
            return chats.storeFile(kind, f.bytes(), f.filename(), f.contentType());
        }
        if (value == null || value.isBlank()) {
            throw TelegramError.badRequest("there is no " + kind + " in the request").asException();
        }
        return chats.file(value).filter(f -> f.kind().equals(kind)).orElseThrow(
                () -> TelegramError.badRequest("wrong file identifier/HTTP URL specified").asException());
    }

    private static String checkedText(String text, String parseMode) {
        String plain = text == null ? "" : Markup.plainText(text, parseMode);
        if (plain.isBlank()) {
            throw TelegramError.badRequest("message text is empty").asException();
        }
        if (plain.length() > MAX_TEXT) {
            throw TelegramError.badRequest("message is too long").asException();
        }
        return text;
    }

    private static String checkedCaption(String caption, String parseMode) {
        if (caption == null) {
            return null;
        }
        if (Markup.plainText(caption, parseMode).length() > MAX_CAPTION) {
            throw TelegramError.badRequest("message caption is too long").asException();
        }
        return caption.isEmpty() ? null : caption;
    }

    private static Long thread(Params p) {
        return p.number("message_thread_id").isPresent() ? p.number("message_thread_id").getAsLong() : null;
    }

    private static boolean sameFormatted(String oldText, String oldMode, String newText, String newMode) {
        return Objects.equals(Markup.signature(oldText, oldMode), Markup.signature(newText, newMode));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
