/**
 * The embedded single-node Kafka broker (KRaft, Apache Kafka's own server jars) used when no
 * {@code kafka.bootstrapServers} is configured. Knows nothing of monitors or Telegram.
 */
package org.iterwatch.bot.kafka;
