package org.iterwatch.bot.alerts;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.subscription.ChatSender;

/** Alerts out through Telegram, at the delivery engine's highest priority. */
public final class TelegramAlertSender implements ChatSender {
    private final TelegramGateway api;
    private final Delivery delivery;

    public TelegramAlertSender(TelegramGateway api, Delivery delivery) {
        this.api = api;
        this.delivery = delivery;
    }

    @Override
    public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
        ChatTarget to = ChatTarget.of(chatId, threadId);
        return attempt(() -> alert(to, "sendMessage",
                chat -> new Result.Sent(chat.chatId(), api.sendHtml(chat, html, keyboard(buttons)))));
    }

    @Override
    public Result edit(long chatId, long messageId, String html, List<Button> buttons) {
        return attempt(() -> {
            alert(new ChatTarget(chatId, null), "editMessageText", chat -> {
                api.editHtml(chat.chatId(), messageId, html, keyboard(buttons));
                return messageId;
            });
            return new Result.Sent(chatId, messageId);
        });
    }

    /** Waits for the engine, which itself retries 429s and outages; what comes back is final. */
    private <T> T alert(ChatTarget to, String kind, Function<ChatTarget, T> call) {
        try {
            return delivery.call(Priority.ALERT, to, kind, call).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TelegramFailure f) {
                throw f;
            }
            throw e;
        }
    }

    private static Result attempt(java.util.function.Supplier<Result> call) {
        try {
            return call.get();
        } catch (TelegramFailure e) {
            return switch (e.kind()) {
                case NOT_MODIFIED -> new Result.Sent(0, 0);
                case RATE_LIMITED -> new Result.RetryLater(Duration.ofSeconds(e.retryAfterSeconds()), e.getMessage());
                case TRANSIENT -> new Result.RetryLater(Duration.ZERO, e.getMessage());
                default -> new Result.Refused(e.getMessage());
            };
        }
    }

    private static Keyboard keyboard(List<Button> buttons) {
        return buttons.isEmpty() ? null
                : new Keyboard(List.of(buttons.stream().map(b -> new Keyboard.Button(b.label(), b.data())).toList()));
    }
}
