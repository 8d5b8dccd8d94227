package org.iterwatch.bot;

import java.time.Duration;
import java.util.List;
import org.iterwatch.subscription.ChatSender;

/**
 * Alerts out through Telegram. A thin adapter on purpose: the delivery engine's alert queue takes
 * the place of {@link Sender} here without anything else changing.
 */
final class TelegramAlertSender implements ChatSender {
    private final TelegramGateway api;
    private final Sender sender;

    TelegramAlertSender(TelegramGateway api, Sender sender) {
        this.api = api;
        this.sender = sender;
    }

    @Override
    public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
        return attempt(() -> new Result.Sent(sender.send(chatId,
                () -> api.sendHtml(ChatTarget.of(chatId, threadId), html, keyboard(buttons)))));
    }

    @Override
    public Result edit(long chatId, long messageId, String html, List<Button> buttons) {
        return attempt(() -> {
            sender.send(chatId, () -> api.editHtml(chatId, messageId, html, keyboard(buttons)));
            return new Result.Sent(messageId);
        });
    }

    private static Result attempt(java.util.function.Supplier<Result> call) {
        try {
            return call.get();
        } catch (TelegramFailure e) {
            return switch (e.kind()) {
                case NOT_MODIFIED -> new Result.Sent(0);
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
