package org.iterwatch.monitor;

/** A progress message as it now stands in a chat. */
public record ShownMessage(long chatId, long messageId, String contentHash) {
}
