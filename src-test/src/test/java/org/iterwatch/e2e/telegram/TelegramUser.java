package org.iterwatch.e2e.telegram;

/** A Telegram user (the bot itself, or a person that sends updates). */
public record TelegramUser(long id, boolean isBot, String firstName, String username) {
}
