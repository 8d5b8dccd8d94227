package org.iterwatch.render;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Telegram's HTML parse mode: escaping, and lengths as Telegram counts them (after parsing: tags
 * count nothing, an entity counts one, in UTF-16 code units).
 */
public final class Html {
    private static final String ELLIPSIS = "\u2026";

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Shortens plain text to at most {@code max} characters without splitting a surrogate pair. */
    public static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** The length Telegram checks against its limits: the text once tags are gone and entities decoded. */
    public static int visibleLength(String html) {
        int n = 0;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                i = html.indexOf('>', i) + 1;
                if (i == 0) {
                    return n + html.length();
                }
                continue;
            }
            n++;
            i = c == '&' ? entityEnd(html, i) : i + 1;
        }
        return n;
    }

    /**
     * Cuts well-formed Telegram HTML to at most {@code max} visible characters, ending with "…": never
     * inside a tag, an entity or a surrogate pair, and closing the tags left open.
     */
    public static String fit(String html, int max) {
        if (visibleLength(html) <= max) {
            return html;
        }
        StringBuilder out = new StringBuilder(Math.min(html.length(), max * 6));
        Deque<String> open = new ArrayDeque<>();
        int visible = 0;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int end = c == '<' ? html.indexOf('>', i) + 1 : 0;
            if (end > 0) {
                String tag = html.substring(i, end);
                if (tag.startsWith("</")) {
                    open.poll();
                } else {
                    open.push(tag.substring(1, tag.length() - 1).split("[\\s>]", 2)[0]);
                }
                out.append(tag);
                i = end;
                continue;
            }
            int next = c == '&' ? entityEnd(html, i) : c == '<' ? i + 1 : Character.isHighSurrogate(c) && i + 1 < html.length() ? i + 2 : i + 1;
            int width = c == '&' ? 1 : next - i;
            if (visible + width > max - ELLIPSIS.length()) {
                break;
            }
            out.append(html, i, next);
            visible += width;
            i = next;
        }
        out.append(ELLIPSIS);
        while (!open.isEmpty()) {
            out.append("</").append(open.pop()).append('>');
        }
        return out.toString();
    }

    private static int entityEnd(String html, int at) {
        int semicolon = html.indexOf(';', at);
        return semicolon > 0 && semicolon - at <= 10 ? semicolon + 1 : at + 1;
    }
}
