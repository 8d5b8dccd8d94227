package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A fake Telegram Bot API server for end-to-end tests: real HTTP on 127.0.0.1, real JSON, Telegram's error
 * shapes. Point the bot's API URL at {@link #baseUrl()}, inject what users do, read what the bot did.
 */
public final class FakeTelegram implements AutoCloseable {
    public static final String DEFAULT_TOKEN = "123456789:AAFakeTelegramTokenForTests_0123456789";

    private final String token;
    private final TelegramUser bot;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ChatStore chats = new ChatStore();
    private final UpdateQueue updates = new UpdateQueue(100_000_001L);
    private final CallbackQueries callbacks = new CallbackQueries();
    private final FailureInjector failures = new FailureInjector();
    private final RateLimiter limiter = new RateLimiter();
    private final CallLog log = new CallLog();
    private final BotMethods methods;
    private final ApiHttpHandler handler;

    private FakeTelegram(String token) throws IOException {
        this.token = token;
        this.bot = new TelegramUser(botId(token), true, "Iterwatch Test Bot", "iterwatch_test_bot");
        this.methods = new BotMethods(chats, updates, callbacks, bot, new MessageMethods(chats, limiter, bot));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-telegram-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        this.handler = new ApiHttpHandler(token, methods, failures, log);
        server.createContext("/", handler);
        server.start();
    }

    /** Starts a fake on a free port of 127.0.0.1 that accepts {@code token}. */
    public static FakeTelegram start(String token) {
        try {
            return new FakeTelegram(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Telegram server", e);
        }
    }

    public static FakeTelegram start() {
        return start(DEFAULT_TOKEN);
    }

    @Override
    public void close() {
        updates.close();
        server.stop(0);
        executor.shutdownNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    /**
     * Another token of the same bot, for a second iterwatch instance: its calls are served alike and can be told
     * apart ({@link #callsWith}), e.g. to show that an instance that lost the active role sends nothing.
     */
    public String secondToken() {
        String second = token + "_second";
        handler.acceptAlso(second);
        return second;
    }

    /** The calls made with {@code otherToken} (see {@link #secondToken()}); those with {@link #token()} are the rest. */
    public List<ApiCall> callsWith(String otherToken) {
        return calls().stream().filter(c -> otherToken.equals(token) ? !handler.madeWithAnother(c.seq())
                : handler.madeWith(otherToken, c.seq())).toList();
    }

    public TelegramUser botUser() {
        return bot;
    }

    // ---- what users do -------------------------------------------------------------------------------------

    /** A user writes {@code text} to the bot in a private chat (chat id = user id); returns the message_id. */
    public long userSends(long userId, String text) {
        return userMessage(ChatInfo.forId(userId), null, userId, text);
    }

    /** A user writes in a group or supergroup; returns the message_id. */
    public long userSendsInGroup(long chatId, long userId, String text) {
        return userMessage(ChatInfo.forId(chatId), null, userId, text);
    }

    /** A user writes in a forum topic of a supergroup; returns the message_id. */
    public long userSendsInTopic(long chatId, long threadId, long userId, String text) {
        return userMessage(ChatInfo.forId(chatId).asForum(), threadId, userId, text);
    }

    /** A user presses an inline button of a message; returns the callback query id. */
    public String userPresses(long chatId, long userId, long messageId, String callbackData) {
        ChatInfo chat = chats.register(ChatInfo.forId(chatId));
        String queryId = callbacks.issue();
        ObjectNode message = chats.find(chatId, messageId).map(m -> TelegramObjects.message(m, chat))
                .orElseGet(() -> inaccessibleMessage(chat, messageId));
        updates.add(id -> {
            ObjectNode update = Json.object();
            ObjectNode query = update.putObject("callback_query");
            query.put("id", queryId);
            query.set("from", TelegramObjects.user(user(userId)));
            query.set("message", message);
            query.put("chat_instance", Long.toString(chatId * 31 + 7));
            query.put("data", callbackData);
            return update;
        });
        log.changed();
        return queryId;
    }

    /** A person deletes a message in their client (Telegram tells the bot nothing of it). */
    public void userDeletes(long chatId, long messageId) {
        if (!chats.delete(chatId, messageId)) {
            throw new IllegalArgumentException("no message " + messageId + " in chat " + chatId);
        }
        log.changed();
    }

    /** Queues any update text as it is (a JSON object gets the next update_id); returns that update_id. */
    public long injectRawUpdate(String json) {
        long id = updates.addRaw(json);
        log.changed();
        return id;
    }

    private long userMessage(ChatInfo chatInfo, Long threadId, long userId, String text) {
        ChatInfo chat = chats.register(chatInfo);
        ChatMessage message = chats.append(chat.id(), id -> new ChatMessage(chat.id(), id, threadId, user(userId),
                Instant.now().getEpochSecond(), null, text, null, null, null, List.of(), 0));
        updates.add(id -> {
            ObjectNode update = Json.object();
            update.set("message", TelegramObjects.message(message, chat));
            return update;
        });
        log.changed();
        return message.messageId();
    }

    private static ObjectNode inaccessibleMessage(ChatInfo chat, long messageId) {
        ObjectNode message = Json.object();
        message.set("chat", TelegramObjects.chat(chat));
        message.put("message_id", messageId);
        message.put("date", 0);
        return message;
    }

    private static TelegramUser user(long userId) {
        return new TelegramUser(userId, false, "User" + userId, "user" + userId);
    }

    // ---- what the bot did ----------------------------------------------------------------------------------

    /** Every request so far, in order of arrival (a long poll appears once it has been answered). */
    public List<ApiCall> calls() {
        return log.all();
    }

    public List<ApiCall> calls(String method) {
        return log.all().stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    public List<ApiCall> callsToChat(long chatId) {
        return log.all().stream().filter(c -> c.chatId().isPresent() && c.chatId().getAsLong() == chatId).toList();
    }

    public void clearCalls() {
        log.clear();
    }

    public Optional<ChatMessage> message(long chatId, long messageId) {
        return chats.find(chatId, messageId);
    }

    /** Messages of a chat that still exist, oldest first (users' messages included). */
    public List<ChatMessage> messages(long chatId) {
        return chats.messages(chatId);
    }

    /** The most recently pinned message of a chat. */
    public OptionalLong pinned(long chatId) {
        return chats.pinned(chatId);
    }

    public List<String> answeredCallbackQueries() {
        return callbacks.answered();
    }

    /** The menu everyone sees (the default scope). */
    public List<RegisteredCommand> commands() {
        return methods.commands();
    }

    /** The menu this person sees in this chat (their private chat: chatId = userId), scopes resolved as Telegram does. */
    public List<RegisteredCommand> menuFor(long chatId, long userId) {
        return methods.menuFor(chatId, userId);
    }

    /** Updates not yet confirmed by a getUpdates with a higher offset. */
    public int pendingUpdates() {
        return updates.pendingCount();
    }

    /** True while a getUpdates long poll is being held. */
    public boolean isPolling() {
        return updates.polling();
    }

    // ---- waiting -------------------------------------------------------------------------------------------

    /** Waits for the first call of {@code method} (any case) that matches; fails listing all calls on timeout. */
    public ApiCall awaitCall(String method, Predicate<ApiCall> condition, Duration timeout) {
        return log.awaitCall(method, condition, timeout);
    }

    public ApiCall awaitCall(String method, Duration timeout) {
        return awaitCall(method, c -> true, timeout);
    }

    /** Waits until {@code condition} holds; fails with {@code description} and the calls so far on timeout. */
    public void await(BooleanSupplier condition, Duration timeout, String description) {
        log.await(condition, timeout, description);
    }

    /** Waits until a getUpdates long poll is being held (the bot is listening). */
    public void awaitPolling(Duration timeout) {
        await(updates::polling, timeout, "a getUpdates long poll to be held");
    }

    /** Waits until the bot has confirmed every injected update (polled again with a higher offset). */
    public void awaitUpdatesConsumed(Duration timeout) {
        await(() -> updates.pendingCount() == 0, timeout, "the bot to confirm all updates");
    }

    // ---- failures ------------------------------------------------------------------------------------------

    /** The next call of {@code method} ("*" for any method) answers {@code error}. */
    public void failNext(String method, TelegramError error) {
        failNext(method, error, 1);
    }

    public void failNext(String method, TelegramError error, int times) {
        failures.add(method, OptionalLong.empty(), error, times);
    }

    /** Like {@link #failNext(String, TelegramError)}, only for calls whose chat_id is {@code chatId}. */
    public void failNextInChat(String method, long chatId, TelegramError error) {
        failNextInChat(method, chatId, error, 1);
    }

    public void failNextInChat(String method, long chatId, TelegramError error, int times) {
        failures.add(method, OptionalLong.of(chatId), error, times);
    }

    public void clearFailures() {
        failures.clear();
    }

    /** Every request to this chat answers {@code error} until {@link #unbanChat(long)}. */
    public void banChat(long chatId, TelegramError error) {
        chats.ban(chatId, error);
    }

    public void unbanChat(long chatId) {
        chats.unban(chatId);
    }

    /**
     * Telegram upgrades a group to a supergroup: from now on every request to the old id answers 400 with
     * {@code migrate_to_chat_id}. Announced, the bot also gets Telegram's two service messages (one in the old
     * group with {@code migrate_to_chat_id}, one in the new supergroup with {@code migrate_from_chat_id});
     * unannounced, the first thing to meet the new id is the bot's own next request.
     */
    public void upgradeToSupergroup(long groupId, long supergroupId, long byUserId, boolean announce) {
        banChat(groupId, TelegramError.migrated(supergroupId));
        if (!announce) {
            return;
        }
        ChatInfo group = chats.register(ChatInfo.forId(groupId));
        ChatInfo supergroup = chats.register(ChatInfo.forId(supergroupId));
        serviceMessage(group, byUserId, "migrate_to_chat_id", supergroupId);
        serviceMessage(supergroup, byUserId, "migrate_from_chat_id", groupId);
    }

    private void serviceMessage(ChatInfo chat, long userId, String field, long otherChat) {
        updates.add(id -> {
            ObjectNode message = Json.object();
            message.put("message_id", 1_000_000 + id);
            message.set("from", TelegramObjects.user(user(userId)));
            message.put("date", Instant.now().getEpochSecond());
            message.set("chat", TelegramObjects.chat(chat));
            message.put(field, otherChat);
            ObjectNode update = Json.object();
            update.set("message", message);
            return update;
        });
        log.changed();
    }

    /** The user blocked the bot: everything sent to their private chat answers 403. */
    public void userBlocksBot(long userId) {
        banChat(userId, TelegramError.blockedByUser());
    }

    /** Requests to this chat answer 400 "chat not found". */
    public void markChatNotFound(long chatId) {
        chats.markUnknown(chatId);
    }

    /** When on, only chats a user wrote in (or pressed a button in) exist; others answer "chat not found". */
    public void requireKnownChats(boolean on) {
        chats.requireKnownChats(on);
    }

    // ---- flood limits --------------------------------------------------------------------------------------

    /** Refuses send and edit calls over these limits with 429 and retry_after, like Telegram. 0 = no limit. */
    public void enforceLimits(int perSecondOverall, int perChatPerSecond, int perGroupPerMinute) {
        limiter.enforce(perSecondOverall, perChatPerSecond, perGroupPerMinute);
    }

    public void disableLimits() {
        limiter.disable();
    }

    /** How many calls the flood limits refused with 429. */
    public int tooManyRequestsCount() {
        return limiter.refusedCount();
    }

    private static long botId(String token) {
        int colon = token.indexOf(':');
        try {
            return colon > 0 ? Long.parseLong(token.substring(0, colon)) : 100_000_000L;
        } catch (NumberFormatException e) {
            return 100_000_000L;
        }
    }
}
