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

    /** The menu everyone sees unless a narrower scope gives them another. */
    default void setCommands(List<BotCommandSpec> commands) {
        setCommands(commands, MenuScope.EVERYONE);
    }

    void setCommands(List<BotCommandSpec> commands, MenuScope scope);

    /** Takes a scope's own menu away: the wider one shows again. */
    void deleteCommands(MenuScope scope);

    void deleteWebhook();

    record BotCommandSpec(String command, String description) {
    }

    /**
     * Whose menu (Telegram's BotCommandScope): everyone (default), one chat (a private chat is its person's), or
     * one member of a group.
     */
    record MenuScope(Long chatId, Long userId) {
        public static final MenuScope EVERYONE = new MenuScope(null, null);

        public static MenuScope chat(long chatId) {
            return new MenuScope(chatId, null);
        }

        public static MenuScope member(long groupId, long userId) {
            return new MenuScope(groupId, userId);
        }
    }
}
