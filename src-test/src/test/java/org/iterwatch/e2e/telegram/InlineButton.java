package org.iterwatch.e2e.telegram;

/** One inline keyboard button as the fake stored it; {@code callbackData} and {@code url} may be null. */
public record InlineButton(String text, String callbackData, String url) {
}
