/**
 * Pinned chart messages: one per monitor and chat, sent and pinned once, then edited in place through the
 * delivery engine. The monitors hand drafts over one way ({@code ProgressListener}); a draft is drawn only when
 * the chat's turn to send comes, so no chart is rendered that is not sent. This package alone
 * records, once Telegram confirmed a message, which message shows what. May not touch chat or alerts.
 */
package org.iterwatch.bot.charts;
