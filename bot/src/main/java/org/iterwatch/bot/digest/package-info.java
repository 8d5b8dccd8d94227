/**
 * The daily digest ({@code /digest 08:30 Europe/Berlin}): one durable Quartz cron job per chat, in a scheduler of
 * its own on the same job store as the monitors, sending the status board and the last 24 hours in one message.
 * Also keeps the log of monitors started, stopped and failed that the digest tells.
 */
package org.iterwatch.bot.digest;
