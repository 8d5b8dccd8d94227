/**
 * Pinned chart messages: one per monitor and chat, sent and pinned once, then edited in place through the
 * delivery engine. The monitors hand pictures over one way ({@code ProgressListener}); this package alone
 * records, once Telegram confirmed a message, which message shows what. May not touch chat or alerts.
 */
package org.iterwatch.bot.charts;
