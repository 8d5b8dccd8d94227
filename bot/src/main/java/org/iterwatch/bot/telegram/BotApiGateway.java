package org.iterwatch.bot.telegram;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.iterwatch.bot.telegram.TelegramFailure.Kind;
import org.iterwatch.config.Fence;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChatMember;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.PinChatMessage;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.UnpinChatMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** {@link TelegramGateway} on the telegrambots OkHttp client. */
public final class BotApiGateway implements TelegramGateway {
    private static final String HTML = "HTML";
    private final TelegramClient client;
    private volatile String username;

    public BotApiGateway(String token, URI apiUrl) {
        this(token, apiUrl, Fence.OPEN);
    }

    /** Every call but getMe is refused while {@code fence} does not hold (another instance is active). */
    public BotApiGateway(String token, URI apiUrl, Fence fence) {
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(new FencedCalls(fence))
                .connectTimeout(10, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS)
                .build();
        this.client = new OkHttpTelegramClient(http, token, telegramUrl(apiUrl));
    }

    static TelegramUrl telegramUrl(URI apiUrl) {
        int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : "https".equals(apiUrl.getScheme()) ? 443 : 80;
        return new TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
    }

    @Override
    public String botUsername() {
        if (username == null) {
            username = call("getMe", () -> client.execute(new GetMe())).getUserName();
        }
        return username;
    }

    @Override
    public long sendHtml(ChatTarget to, String html, Keyboard keyboard) {
        SendMessage send = SendMessage.builder().chatId(to.chatId()).messageThreadId(to.threadId()).text(html)
                .parseMode(HTML).disableWebPagePreview(true).replyMarkup(markup(keyboard)).build();
        return call("sendMessage", () -> client.execute(send)).getMessageId();
    }

    @Override
    public long sendAlert(ChatTarget to, String html, Keyboard keyboard, boolean silent, Long replyTo) {
        SendMessage send = SendMessage.builder().chatId(to.chatId()).messageThreadId(to.threadId()).text(html)
                .parseMode(HTML).disableWebPagePreview(true).replyMarkup(markup(keyboard)).disableNotification(silent)
                .replyParameters(replyTo == null ? null : ReplyParameters.builder().messageId(Math.toIntExact(replyTo))
                        .allowSendingWithoutReply(true).build())
                .build();
        return call("sendMessage", () -> client.execute(send)).getMessageId();
    }

    @Override
    public long sendPhoto(ChatTarget to, byte[] png, String captionHtml, Keyboard keyboard) {
        SendPhoto send = SendPhoto.builder().chatId(to.chatId()).messageThreadId(to.threadId())
                .photo(new InputFile(new ByteArrayInputStream(png), "chart.png"))
                .caption(captionHtml).parseMode(HTML).replyMarkup(markup(keyboard)).build();
        return call("sendPhoto", () -> client.execute(send)).getMessageId();
    }

    @Override
    public void editPhoto(long chatId, long messageId, byte[] png, String captionHtml, Keyboard keyboard) {
        InputMediaPhoto media = new InputMediaPhoto("chart.png");
        media.setMedia(new ByteArrayInputStream(png), "chart.png");
        media.setCaption(captionHtml);
        media.setParseMode(HTML);
        EditMessageMedia edit = EditMessageMedia.builder().chatId(chatId).messageId(Math.toIntExact(messageId))
                .media(media).replyMarkup(markup(keyboard)).build();
        call("editMessageMedia", () -> client.execute(edit));
    }

    @Override
    public void editHtml(long chatId, long messageId, String html, Keyboard keyboard) {
        EditMessageText edit = EditMessageText.builder().chatId(chatId).messageId(Math.toIntExact(messageId)).text(html)
                .parseMode(HTML).disableWebPagePreview(true).replyMarkup(markup(keyboard)).build();
        call("editMessageText", () -> client.execute(edit));
    }

    @Override
    public void pin(long chatId, long messageId) {
        execute("pinChatMessage", PinChatMessage.builder().chatId(chatId).messageId(Math.toIntExact(messageId))
                .disableNotification(true).build());
    }

    @Override
    public void unpin(long chatId, long messageId) {
        execute("unpinChatMessage", UnpinChatMessage.builder().chatId(chatId).messageId(Math.toIntExact(messageId)).build());
    }

    @Override
    public void editKeyboard(long chatId, long messageId, Keyboard keyboard) {
        execute("editMessageReplyMarkup", EditMessageReplyMarkup.builder().chatId(chatId)
                .messageId(Math.toIntExact(messageId)).replyMarkup(markup(keyboard)).build());
    }

    @Override
    public void answerCallback(String callbackId, String text) {
        execute("answerCallbackQuery", AnswerCallbackQuery.builder().callbackQueryId(callbackId).text(text).build());
    }

    @Override
    public void setCommands(List<BotCommandSpec> commands, MenuScope scope) {
        execute("setMyCommands", SetMyCommands.builder().scope(scope(scope))
                .commands(commands.stream().map(c -> new BotCommand(c.command(), c.description())).toList()).build());
    }

    @Override
    public void deleteCommands(MenuScope scope) {
        execute("deleteMyCommands", DeleteMyCommands.builder().scope(scope(scope)).build());
    }

    private static BotCommandScope scope(MenuScope scope) {
        if (scope.chatId() == null) {
            return new BotCommandScopeDefault();
        }
        return scope.userId() == null ? new BotCommandScopeChat(String.valueOf(scope.chatId()))
                : new BotCommandScopeChatMember(String.valueOf(scope.chatId()), scope.userId());
    }

    @Override
    public void deleteWebhook() {
        execute("deleteWebhook", DeleteWebhook.builder().dropPendingUpdates(false).build());
    }

    private <T extends Serializable> T execute(String method, BotApiMethod<T> request) {
        return call(method, () -> client.execute(request));
    }

    private static InlineKeyboardMarkup markup(Keyboard keyboard) {
        if (keyboard == null) {
            return null;
        }
        return InlineKeyboardMarkup.builder().keyboard(keyboard.rows().stream()
                .map(row -> new InlineKeyboardRow(row.stream()
                        .map(b -> InlineKeyboardButton.builder().text(b.label()).callbackData(b.data()).build()).toList()))
                .toList()).build();
    }

    private interface ApiCall<T> {
        T run() throws TelegramApiException;
    }

    private static <T> T call(String method, ApiCall<T> call) {
        try {
            return call.run();
        } catch (TelegramApiRequestException e) {
            throw classify(method, e);
        } catch (TelegramApiException e) {
            throw new TelegramFailure(Kind.TRANSIENT, method + ": " + e.getMessage(), 0, 0, e);
        }
    }

    static TelegramFailure classify(String method, TelegramApiRequestException e) {
        int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
        String description = e.getApiResponse() == null ? String.valueOf(e.getMessage()) : e.getApiResponse();
        String message = method + ": " + code + " " + description;
        var parameters = e.getParameters();
        String lower = description.toLowerCase();
        if (parameters != null && parameters.getMigrateToChatId() != null) {
            return new TelegramFailure(Kind.MIGRATED, message, 0, parameters.getMigrateToChatId(), e);
        }
        if (code == 429) {
            int after = parameters != null && parameters.getRetryAfter() != null ? parameters.getRetryAfter() : 1;
            return new TelegramFailure(Kind.RATE_LIMITED, message, after, 0, e);
        }
        if (lower.contains("message is not modified")) {
            return new TelegramFailure(Kind.NOT_MODIFIED, message, 0, 0, e);
        }
        if (lower.contains("message to edit not found") || lower.contains("message_id_invalid")
                || lower.contains("message can't be edited")) {
            return new TelegramFailure(Kind.MESSAGE_GONE, message, 0, 0, e);
        }
        if (code == 403) {
            return new TelegramFailure(Kind.FORBIDDEN, message, 0, 0, e);
        }
        Kind kind = code >= 500 || code == 0 ? Kind.TRANSIENT : Kind.BAD_REQUEST;
        return new TelegramFailure(kind, message, 0, 0, e);
    }
}
