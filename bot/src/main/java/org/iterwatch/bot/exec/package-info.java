/**
 * {@code iterwatch exec}: wraps a solver process and reports its start, heartbeats and end to the events API.
 * Runs in the solver's process, not in iterwatch's: it may use nothing of the other packages but the event JSON.
 */
package org.iterwatch.bot.exec;
