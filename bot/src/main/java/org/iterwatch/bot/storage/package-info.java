/**
 * The local storage and its health: the database pool (H2 reopened after it closed on a failed write) and
 * {@code StorageHealth}, which tells a full disk from other failures, says so once a minute, makes the events
 * API refuse with 503 and {@code /healthz} say degraded, and finds out by a test write when storing works again.
 * Depends on nothing else in bot.
 */
package org.iterwatch.bot.storage;
