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

    /**
     * An alert: {@code silent} arrives without a sound (Telegram's disable_notification); {@code replyTo}, when
     * not null, is a message it quotes (the chart it is about), which a tap opens; it is sent also when that
     * message is gone.
     */
    long sendAlert(ChatTarget to, String html, Keyboard keyboard, boolean silent, Long replyTo);

    long sendPhoto(ChatTarget to, byte[] png, String captionHtml, Keyboard keyboard);

    /** Replaces photo, caption and keyboard together: Telegram drops whatever an edit leaves out. */
    void editPhoto(long chatId, long messageId, byte[] png, String captionHtml, Keyboard keyboard);

    /** Replaces the text and keyboard of a text message (an alert acknowledged). */
    void editHtml(long chatId, long messageId, String html, Keyboard keyboard);

    void pin(long chatId, long messageId);

    void unpin(long chatId, long messageId);

    /** Replaces only the buttons of a message (null: none). */
    void editKeyboard(long chatId, long messageId, Keyboard keyboard);

    void answerCallback(String callbackId, String text);

    void setCommands(List<BotCommandSpec> commands);

    void deleteWebhook();

    record BotCommandSpec(String command, String description) {
    }
}
