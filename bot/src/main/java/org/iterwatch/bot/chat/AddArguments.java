package org.iterwatch.bot.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of /add: the topic, title words and key=value options. Text in quotes ("…", '…', or the curly
 * quotes phones type) is one title word whatever it holds, '=' included.
 */
final class AddArguments {
    /** @param option an unquoted key=value */
    record Word(String text, boolean option) {
    }

    private static final String OPENING = "\"'\u201c\u2018\u00ab";
    private static final String CLOSING = "\"'\u201d\u2019\u00bb";

    private AddArguments() {
    }

    static List<Word> split(String argument) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        String s = argument.strip();
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            int quote = OPENING.indexOf(s.charAt(i));
            if (quote >= 0 && !words.isEmpty()) {
                int end = closing(s, i + 1, quote);
                if (end > 0) {
                    words.add(new Word(s.substring(i + 1, end), false));
                    i = end + 1;
                    continue;
                }
            }
            int end = i;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            String word = s.substring(i, end);
            words.add(new Word(word, !words.isEmpty() && word.contains("=")));
            i = end;
        }
        return words;
    }

    /** The index of the quote closing the one opened, or -1 when it is never closed (then the quote is a character). */
    private static int closing(String s, int from, int opening) {
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == CLOSING.charAt(opening) || c == OPENING.charAt(opening) && opening < 2) {
                return j;
            }
        }
        return -1;
    }
}
