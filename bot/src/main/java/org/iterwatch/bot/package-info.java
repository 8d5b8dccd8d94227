/**
 * The process and its composition root: {@code Main} wires every part by hand, step by step through the
 * {@code *Wiring} classes (storage, HA, Telegram and delivery, monitors and charts, alerts and ingress, chats),
 * {@code Lifecycle} owns every part and thread (started in wiring order, stopped in reverse; the active side is a
 * group of its own), {@code Instance} is one running instance, {@code Metrics} the meters behind {@code /metrics},
 * {@code BotSchema} the bot's tables. The feature packages below may not depend on this one; only {@code Main} and
 * its wiring classes know them all.
 */
package org.iterwatch.bot;
