package org.iterwatch.bot;

import java.util.List;

/** An inline keyboard: rows of (label, callback data) buttons, independent of Telegram's types. */
record Keyboard(List<List<Button>> rows) {
    record Button(String label, String data) {
    }

    Keyboard {
        rows = rows.stream().map(List::copyOf).toList();
    }

    static Keyboard row(Button... buttons) {
        return new Keyboard(List.of(List.of(buttons)));
    }
}
