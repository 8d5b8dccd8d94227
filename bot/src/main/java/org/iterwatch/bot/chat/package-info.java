/**
 * The chat side: who may do what ({@code Access}), the one table of commands ({@code CommandTable}: menu,
 * {@code /help} and dispatch), button presses, the handlers of each area and their texts, and the per-chat
 * executor that runs them in order. Talks to monitors, alerts and people through their modules' APIs and
 * sends only through {@code delivery}.
 */
package org.iterwatch.bot.chat;
