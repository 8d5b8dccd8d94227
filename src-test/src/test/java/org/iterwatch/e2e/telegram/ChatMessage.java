package org.iterwatch.e2e.telegram;

import java.util.List;
import java.util.Optional;

/**
 * The current state of one message in a chat of the fake.
 *
 * @param threadId  forum topic (message_thread_id), null outside topics
 * @param from      sender: the bot or a user
 * @param date      unix seconds when it was sent
 * @param editDate  unix seconds of the last edit, null when never edited
 * @param text      text of a text message, null for media
 * @param media     photo or document, null for text
 * @param caption   caption of a media message, null when none
 * @param parseMode parse_mode of the text or caption, null when none
 * @param keyboard  inline keyboard rows, empty when none
 * @param editCount how many successful edits the message had
 */
public record ChatMessage(long chatId, long messageId, Long threadId, TelegramUser from, long date, Long editDate,
                          String text, MediaFile media, String caption, String parseMode,
                          List<List<InlineButton>> keyboard, int editCount) {

    public ChatMessage {
        keyboard = keyboard.stream().map(List::copyOf).toList();
    }

    public boolean fromBot() {
        return from.isBot();
    }

    public boolean isPhoto() {
        return media != null && media.kind().equals("photo");
    }

    public boolean isDocument() {
        return media != null && media.kind().equals("document");
    }

    /** Bytes of the photo, empty for other messages. */
    public Optional<byte[]> photo() {
        return isPhoto() ? Optional.of(media.bytes()) : Optional.empty();
    }

    public Optional<String> captionText() {
        return Optional.ofNullable(caption);
    }

    public boolean hasKeyboard() {
        return !keyboard.isEmpty();
    }

    /** All callback_data values of the keyboard, row by row. */
    public List<String> callbackData() {
        return keyboard.stream().flatMap(List::stream).map(InlineButton::callbackData)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** All button texts, row by row. */
    public List<String> buttonTexts() {
        return keyboard.stream().flatMap(List::stream).map(InlineButton::text).toList();
    }
}
