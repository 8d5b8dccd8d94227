package org.iterwatch.bot.delivery;

/**
 * Order of the outgoing queue: an alert overtakes a reply, a reply overtakes a chart edit, and a
 * stranger is told their id only when nothing else is ready to go, so a flood of strangers never
 * delays the people who use the bot.
 */
public enum Priority {
    ALERT, REPLY, CHART, STRANGER
}
