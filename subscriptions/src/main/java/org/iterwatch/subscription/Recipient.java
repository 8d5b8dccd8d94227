package org.iterwatch.subscription;

/** A chat, or one forum topic of it, that is to get an alert. */
public record Recipient(long chatId, Long threadId) {
}
