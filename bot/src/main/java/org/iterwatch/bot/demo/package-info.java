/**
 * {@code iterwatch demo}: a realistic calculation published to the configured Kafka, so that a newcomer sees a
 * live chart without a solver of their own. A client of Kafka only; knows nothing of monitors or Telegram.
 */
package org.iterwatch.bot.demo;
