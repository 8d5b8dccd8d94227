package org.iterwatch.bot.telegram;

import java.util.List;

/**
 * Telegram for tests that only send text: pictures and edits are refused (a test that needs them must say so),
 * pins, callback answers, the command menu and the webhook are accepted and forgotten.
 */
public abstract class TextOnlyGateway implements TelegramGateway {
    @Override
    public long sendPhoto(ChatTarget to, byte[] png, String captionHtml, Keyboard keyboard) {
        throw new UnsupportedOperationException("text only");
    }

    @Override
    public void editPhoto(long chatId, long messageId, byte[] png, String captionHtml, Keyboard keyboard) {
        throw new UnsupportedOperationException("text only");
    }

    @Override
    public void editHtml(long chatId, long messageId, String html, Keyboard keyboard) {
        throw new UnsupportedOperationException("text only");
    }

    @Override
    public void pin(long chatId, long messageId) {
    }

    @Override
    public long sendAlert(ChatTarget to, String html, Keyboard keyboard, boolean silent, Long replyTo) {
        return sendHtml(to, html, keyboard);
    }

    @Override
    public void unpin(long chatId, long messageId) {
    }

    @Override
    public void editKeyboard(long chatId, long messageId, Keyboard keyboard) {
        throw new UnsupportedOperationException("text only");
    }

    @Override
    public void answerCallback(String callbackId, String text) {
    }

    @Override
    public void setCommands(List<BotCommandSpec> commands, MenuScope scope) {
    }

    @Override
    public void deleteCommands(MenuScope scope) {
    }

    @Override
    public void deleteWebhook() {
    }
}
