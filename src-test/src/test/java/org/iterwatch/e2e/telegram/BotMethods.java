package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The method table: canonical names, case-insensitive lookup, and the methods that are not about messages. */
final class BotMethods {
    /** Marks a result that is already JSON text (getUpdates passes raw updates through). */
    record RawResult(String json) {
    }

    interface Method {
        Object call(Params params) throws InterruptedException;
    }

    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final int MAX_LIMIT = 100;

    private final Map<String, String> canonical = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Method> methods = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final UpdateQueue updates;
    /** The menus by scope (Telegram's BotCommandScope): "default", "chat:<id>", "chat_member:<chat>:<user>". */
    private final Map<String, List<RegisteredCommand>> menus = new java.util.concurrent.ConcurrentHashMap<>();

    BotMethods(ChatStore chats, UpdateQueue updates, CallbackQueries callbacks, TelegramUser bot,
               MessageMethods messages) {
        this.updates = updates;
        register("getMe", p -> TelegramObjects.botUser(bot));
        register("logOut", p -> BooleanNode.TRUE);
        register("deleteWebhook", this::deleteWebhook);
        register("setWebhook", this::setWebhook);
        register("getWebhookInfo", p -> webhookInfo());
        register("getUpdates", this::getUpdates);
        register("setMyCommands", this::setMyCommands);
        register("getMyCommands", p -> commandsJson(menus.getOrDefault(scopeKey(p), List.of())));
        register("deleteMyCommands", p -> {
            menus.remove(scopeKey(p));
            return BooleanNode.TRUE;
        });
        register("answerCallbackQuery", p -> {
            callbacks.answer(p.text("callback_query_id"));
            return BooleanNode.TRUE;
        });
        register("getChat", p -> TelegramObjects.chat(chats.chatForRequest(p.chatId())));
        register("sendMessage", messages::sendMessage);
        register("sendPhoto", messages::sendPhoto);
        register("sendDocument", messages::sendDocument);
        register("editMessageText", messages::editMessageText);
        register("editMessageCaption", messages::editMessageCaption);
        register("editMessageMedia", messages::editMessageMedia);
        register("editMessageReplyMarkup", messages::editMessageReplyMarkup);
        register("deleteMessage", messages::deleteMessage);
        register("pinChatMessage", messages::pinChatMessage);
        register("unpinChatMessage", messages::unpinChatMessage);
    }

    private void register(String name, Method method) {
        canonical.put(name, name);
        methods.put(name, method);
    }

    /** The canonical camelCase name of a method in any letter case. */
    Optional<String> canonicalName(String requested) {
        return Optional.ofNullable(canonical.get(requested));
    }

    Method method(String canonicalName) {
        return methods.get(canonicalName);
    }

    List<RegisteredCommand> commands() {
        return menus.getOrDefault("default", List.of());
    }

    /** The menu a person sees in a chat, as Telegram picks it: their own in that chat, the chat's, or the default. */
    List<RegisteredCommand> menuFor(long chatId, long userId) {
        return menus.getOrDefault("chat_member:" + chatId + ":" + userId,
                menus.getOrDefault("chat:" + chatId, commands()));
    }

    private static String scopeKey(Params p) {
        JsonNode scope = p.json("scope");
        String type = scope.path("type").asText("default");
        return switch (type) {
            case "default" -> "default";
            case "chat" -> "chat:" + scope.path("chat_id").asText();
            case "chat_member" -> "chat_member:" + scope.path("chat_id").asText() + ":" + scope.path("user_id").asText();
            default -> type;
        };
    }

    private Object getUpdates(Params p) throws InterruptedException {
        int limit = (int) Math.max(1, Math.min(MAX_LIMIT, p.number("limit").orElse(MAX_LIMIT)));
        long timeout = Math.max(0, p.number("timeout").orElse(0));
        Long offset = p.number("offset").isPresent() ? p.number("offset").getAsLong() : null;
        List<String> result = updates.poll(offset, limit, Duration.ofSeconds(timeout));
        return new RawResult("[" + String.join(",", result) + "]");
    }

    private JsonNode deleteWebhook(Params p) {
        if (p.flag("drop_pending_updates")) {
            updates.dropPending();
        }
        updates.setWebhook("");
        return BooleanNode.TRUE;
    }

    private JsonNode setWebhook(Params p) {
        updates.setWebhook(p.text("url"));
        return BooleanNode.TRUE;
    }

    private JsonNode webhookInfo() {
        ObjectNode info = Json.object();
        info.put("url", updates.webhook());
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", updates.pendingCount());
        return info;
    }

    private JsonNode setMyCommands(Params p) {
        JsonNode list = p.json("commands");
        if (!list.isArray()) {
            throw TelegramError.badRequest("can't parse commands JSON object").asException();
        }
        List<RegisteredCommand> parsed = new ArrayList<>();
        for (JsonNode item : list) {
            String command = item.path("command").asText("");
            String description = item.path("description").asText("");
            if (!COMMAND.matcher(command.toLowerCase(Locale.ROOT)).matches()) {
                throw TelegramError.badRequest("BOT_COMMAND_INVALID").asException();
            }
            if (description.isBlank() || description.length() > 256) {
                throw TelegramError.badRequest("command description must be non-empty").asException();
            }
            parsed.add(new RegisteredCommand(command, description));
        }
        menus.put(scopeKey(p), List.copyOf(parsed));
        return BooleanNode.TRUE;
    }

    private static JsonNode commandsJson(List<RegisteredCommand> commands) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (RegisteredCommand c : commands) {
            array.addObject().put("command", c.command()).put("description", c.description());
        }
        return array;
    }
}
