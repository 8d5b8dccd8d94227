package org.iterwatch.e2e.telegram;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/** The fake's model of chats: messages with their current content, pins, per-chat message ids, files. */
final class ChatStore {
    private final Map<Long, ChatState> chats = new HashMap<>();
    private final Map<String, MediaFile> files = new HashMap<>();
    private final Set<Long> unknownChats = ConcurrentHashMap.newKeySet();
    private final Map<Long, TelegramError> bans = new ConcurrentHashMap<>();
    private volatile boolean knownChatsOnly;
    private long fileCounter;

    /** The chat a request addresses; fails like Telegram when it is unknown or bans the bot. */
    synchronized ChatInfo chatForRequest(long chatId) {
        TelegramError ban = bans.get(chatId);
        if (ban != null) {
            throw ban.asException();
        }
        if (unknownChats.contains(chatId) || (knownChatsOnly && !chats.containsKey(chatId))) {
            throw TelegramError.chatNotFound().asException();
        }
        return state(chatId, ChatInfo.forId(chatId)).info;
    }

    /** Makes a chat known (a user wrote in it), upgrading it to a forum when asked. */
    synchronized ChatInfo register(ChatInfo info) {
        ChatState state = state(info.id(), info);
        if (info.forum() && !state.info.forum()) {
            state.info = state.info.asForum();
        }
        return state.info;
    }

    synchronized ChatMessage append(long chatId, LongFunction<ChatMessage> create) {
        ChatState state = state(chatId, ChatInfo.forId(chatId));
        ChatMessage message = create.apply(state.nextMessageId++);
        state.messages.put(message.messageId(), message);
        return message;
    }

    synchronized Optional<ChatMessage> find(long chatId, long messageId) {
        ChatState state = chats.get(chatId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.messages.get(messageId));
    }

    /** Replaces a message atomically; the edit function may throw a Telegram error. */
    synchronized ChatMessage edit(long chatId, long messageId, TelegramError notFound, UnaryOperator<ChatMessage> edit) {
        ChatMessage current = find(chatId, messageId).orElseThrow(notFound::asException);
        ChatMessage updated = edit.apply(current);
        chats.get(chatId).messages.put(messageId, updated);
        return updated;
    }

    synchronized boolean delete(long chatId, long messageId) {
        ChatState state = chats.get(chatId);
        if (state == null || state.messages.remove(messageId) == null) {
            return false;
        }
        state.pins.remove(messageId);
        return true;
    }

    synchronized boolean pin(long chatId, long messageId) {
        ChatState state = chats.get(chatId);
        if (state == null || !state.messages.containsKey(messageId)) {
            return false;
        }
        state.pins.remove(messageId);
        state.pins.add(messageId);
        return true;
    }

    /** Unpins one message, or the most recent pin when {@code messageId} is empty. */
    synchronized void unpin(long chatId, OptionalLong messageId) {
        ChatState state = chats.get(chatId);
        if (state == null || state.pins.isEmpty()) {
            return;
        }
        if (messageId.isPresent()) {
            state.pins.remove(messageId.getAsLong());
        } else {
            state.pins.remove(state.pins.size() - 1);
        }
    }

    synchronized OptionalLong pinned(long chatId) {
        ChatState state = chats.get(chatId);
        return state == null || state.pins.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(state.pins.get(state.pins.size() - 1));
    }

    synchronized List<ChatMessage> messages(long chatId) {
        ChatState state = chats.get(chatId);
        return state == null ? List.of() : List.copyOf(state.messages.values());
    }

    synchronized MediaFile storeFile(String kind, byte[] bytes, String filename, String mimeType) {
        int width = 0;
        int height = 0;
        if (kind.equals("photo")) {
            BufferedImage image = readImage(bytes);
            width = image.getWidth();
            height = image.getHeight();
        }
        String fileId = (kind.equals("photo") ? "AgACAgFake" : "BQACAgFake") + (++fileCounter);
        MediaFile file = new MediaFile(kind, fileId, "AQAD" + digest(bytes), filename, mimeType, bytes, width, height);
        files.put(fileId, file);
        return file;
    }

    synchronized Optional<MediaFile> file(String fileId) {
        return Optional.ofNullable(files.get(fileId));
    }

    void markUnknown(long chatId) {
        unknownChats.add(chatId);
    }

    void requireKnownChats(boolean on) {
        knownChatsOnly = on;
    }

    void ban(long chatId, TelegramError error) {
        bans.put(chatId, error);
    }

    void unban(long chatId) {
        bans.remove(chatId);
    }

    private ChatState state(long chatId, ChatInfo info) {
        return chats.computeIfAbsent(chatId, id -> new ChatState(info));
    }

    private static BufferedImage readImage(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image != null) {
                return image;
            }
        } catch (IOException | RuntimeException e) {
            // answered below, like Telegram does for anything that is not an image
        }
        throw TelegramError.badRequest("IMAGE_PROCESS_FAILED").asException();
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class ChatState {
        private ChatInfo info;
        private long nextMessageId = 1;
        private final TreeMap<Long, ChatMessage> messages = new TreeMap<>();
        private final List<Long> pins = new ArrayList<>();

        private ChatState(ChatInfo info) {
            this.info = info;
        }
    }
}
