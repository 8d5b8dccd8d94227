package org.iterwatch.bot.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.Priority;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.subscription.ChatSender;

/**
 * Alerts out through Telegram, at the delivery engine's highest priority. An alert about a topic whose chart the
 * chat shows quotes that chart message (a tap opens it) and, in a supergroup, links it.
 */
public final class TelegramAlertSender implements ChatSender {
    /** Supergroup ids are -100 followed by the id that t.me/c/ links use. */
    private static final long SUPERGROUP_BASE = -1_000_000_000_000L;
    private final TelegramGateway api;
    private final Delivery delivery;
    private final ChartLocator charts;

    /** Where the chart of a topic is in a chat. */
    @FunctionalInterface
    public interface ChartLocator {
        Optional<Long> chartMessage(String topic, long chatId);
    }

    public TelegramAlertSender(TelegramGateway api, Delivery delivery, ChartLocator charts) {
        this.api = api;
        this.delivery = delivery;
        this.charts = charts;
    }

    @Override
    public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
        return send(chatId, threadId, html, buttons, new How(false, null));
    }

    @Override
    public Result send(long chatId, Long threadId, String html, List<Button> buttons, How how) {
        ChatTarget to = ChatTarget.of(chatId, threadId);
        Long chart = how.topic() == null ? null : chartIn(how.topic(), chatId);
        String text = withLink(html, chatId, chart);
        return attempt(() -> alert(to, "sendMessage", chat -> new Result.Sent(chat.chatId(),
                api.sendAlert(chat, text, keyboard(buttons), how.silent(), chat.chatId() == chatId ? chart : null))));
    }

    @Override
    public Result edit(long chatId, long messageId, String html, List<Button> buttons, How how) {
        return edit(chatId, messageId, withLink(html, chatId, how.topic() == null ? null : chartIn(how.topic(), chatId)),
                buttons);
    }

    /** In a supergroup, a link to the chart message; other chats have no such links (the quote stands in). */
    private static String withLink(String html, long chatId, Long chart) {
        return chart == null || chatId > SUPERGROUP_BASE ? html
                : html + "\n<a href=\"https://t.me/c/" + (SUPERGROUP_BASE - chatId) + "/" + chart + "\">\ud83d\udcc8 chart</a>";
    }

    /** An alert without its link is better than none. */
    private Long chartIn(String topic, long chatId) {
        try {
            return charts.chartMessage(topic, chatId).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
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
