/**
 * Logging helpers shared by the packages: folding of repeated warnings. No dependency on the rest of bot.
 */
package org.iterwatch.bot.log;
