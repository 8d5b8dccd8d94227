/**
 * Where solver events come in: the HTTP API ({@code POST /api/v1/events}, {@code /healthz}, {@code /metrics}) with
 * its limits against slow or hostile clients, and the {@code iterwatch.events} Kafka topic. Both only hand
 * events to the alert outbox; neither sends anything to Telegram.
 */
package org.iterwatch.bot.ingress;
