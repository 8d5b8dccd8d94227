/**
 * Telegram transport: the Bot API gateway (one HTTP client for every method, documents included), its
 * error classification ({@code TelegramFailure}), long polling with the stored update offset, and the small
 * value types a request needs (chat target, keyboard). Knows Telegram's wire types so nothing else has to;
 * may not touch delivery, chat, charts or alerts.
 */
package org.iterwatch.bot.telegram;
