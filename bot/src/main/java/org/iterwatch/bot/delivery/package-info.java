/**
 * The delivery engine: one queue with priorities (alerts, replies, chart edits, strangers), paced inside
 * Telegram's limits, each Telegram error handled as it deserves (429, blocked chats, a group that became a
 * supergroup: {@code ChatMigrations} is the one place such a move is taken in). Everything that reaches Telegram
 * goes through here. Depends on {@code telegram} only; may not touch chat, charts or alerts.
 */
package org.iterwatch.bot.delivery;
