package org.iterwatch.bot.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;

/** A single call (a reply, an alert, a pin) whose result a caller may wait for. */
public final class CallJob<T> implements Job {
    private final Priority priority;
    private final ChatTarget target;
    private final String kind;
    private final BiFunction<TelegramGateway, ChatTarget, T> call;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    CallJob(Priority priority, ChatTarget target, String kind, BiFunction<TelegramGateway, ChatTarget, T> call) {
        this.priority = priority;
        this.target = target;
        this.kind = kind;
        this.call = call;
    }

    static CallJob<Long> text(Priority priority, ChatTarget to, String html, Keyboard keyboard) {
        return new CallJob<>(priority, to, "sendMessage", (api, chat) -> api.sendHtml(chat, html, keyboard));
    }

    /**
     * A chart the chat no longer follows: unpinned, and its buttons replaced by {@code keyboard} (null: none), so
     * that nothing under it pretends to work.
     */
    public static CallJob<Void> takeDown(ChatTarget to, long messageId, Keyboard keyboard) {
        return new CallJob<>(Priority.REPLY, to, "unpinChatMessage", (api, chat) -> {
            api.unpin(chat.chatId(), messageId);
            try {
                api.editKeyboard(chat.chatId(), messageId, keyboard);
            } catch (TelegramFailure e) {
                if (e.kind() != TelegramFailure.Kind.NOT_MODIFIED) {
                    throw e;
                }
            }
            return null;
        });
    }

    public static CallJob<Void> pin(ChatTarget to, long messageId) {
        return new CallJob<>(Priority.REPLY, to, "pinChatMessage", (api, chat) -> {
            api.pin(chat.chatId(), messageId);
            return null;
        });
    }

    CompletableFuture<T> result() {
        return result;
    }

    @Override
    public Priority priority() {
        return priority;
    }

    @Override
    public ChatTarget target() {
        return target;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void run(TelegramGateway api, ChatTarget to) {
        result.complete(call.apply(api, to));
    }

    @Override
    public void alreadyDone() {
        result.complete(null);
    }

    @Override
    public void dropped(TelegramFailure why) {
        result.completeExceptionally(why != null ? why
                : new TelegramFailure(TelegramFailure.Kind.FORBIDDEN, kind + ": the chat blocked the bot", 0, 0, null));
    }
}
