/**
 * The status board for team leads: one picture of all monitors per chat that asked for it ({@code /board}),
 * kept in a pinned message that is redrawn at most once a period and only when something changed. Reads
 * monitors through {@code MonitorService}; sends through {@code charts}' pinned messages.
 */
package org.iterwatch.bot.board;
