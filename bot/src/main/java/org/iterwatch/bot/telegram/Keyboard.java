package org.iterwatch.bot.telegram;

import java.util.List;

/** An inline keyboard: rows of (label, callback data) buttons, independent of Telegram's types. */
public record Keyboard(List<List<Button>> rows) {
    public record Button(String label, String data) {
    }

    public Keyboard {
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static Keyboard row(Button... buttons) {
        return new Keyboard(List.of(List.of(buttons)));
    }
}
