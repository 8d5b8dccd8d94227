/**
 * The Telegram side of alerts: the outbox's sender on the delivery engine, monitor notices turned into alerts,
 * and the heartbeat watch. Alert storage, recipients and the outbox itself live in the subscriptions module.
 */
package org.iterwatch.bot.alerts;
