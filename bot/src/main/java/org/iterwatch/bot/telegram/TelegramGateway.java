package org.iterwatch.bot.telegram;

import java.util.List;

/**
 * The few Bot API calls iterwatch makes, free of any HTTP library's types. Every method throws
 * {@link TelegramFailure} when Telegram refuses or cannot be reached.
 */
public interface TelegramGateway {
    /** The bot's own @username, which group commands may carry ("/status@name"). */
    String botUsername();

    long sendHtml(ChatTarget to, String html, Keyboard keyboard);

    long sendPhoto(ChatTarget to, byte[] png, String captionHtml, Keyboard keyboard);

    /** Replaces photo, caption and keyboard together: Telegram drops whatever an edit leaves out. */
    void editPhoto(long chatId, long messageId, byte[] png, String captionHtml, Keyboard keyboard);

    /** Replaces the text and keyboard of a text message (an alert acknowledged). */
    void editHtml(long chatId, long messageId, String html, Keyboard keyboard);

    void pin(long chatId, long messageId);

    void answerCallback(String callbackId, String text);

    void setCommands(List<BotCommandSpec> commands);

    void deleteWebhook();

    record BotCommandSpec(String command, String description) {
    }
}
