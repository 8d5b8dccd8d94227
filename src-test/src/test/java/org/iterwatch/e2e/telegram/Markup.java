package org.iterwatch.e2e.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Turns formatted text into what the user sees, the way Telegram checks it. HTML mode is parsed strictly
 * (Telegram's supported tags and entities, errors as "can't parse entities"); other modes are passed through.
 */
final class Markup {
    private static final Set<String> HTML_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");

    private Markup() {
    }

    /** The visible text; throws a 400 "can't parse entities" error for malformed HTML. */
    static String plainText(String text, String parseMode) {
        return render(text, parseMode, null);
    }

    /**
     * What Telegram compares for "message is not modified": the visible text and its formatting, so "x" and
     * "x" with parse_mode HTML are the same content, and {@code <b>} equals {@code <strong>}.
     */
    static String signature(String text, String parseMode) {
        if (text == null) {
            return "";
        }
        if (parseMode != null && !parseMode.equalsIgnoreCase("html")) {
            return parseMode.toLowerCase(Locale.ROOT) + ":" + text;
        }
        StringBuilder formatting = new StringBuilder();
        return render(text, parseMode, formatting) + "\u0000" + formatting;
    }

    private static final java.util.Map<String, String> SYNONYMS = java.util.Map.of("strong", "b", "em", "i",
            "ins", "u", "strike", "s", "del", "s");

    private static String render(String text, String parseMode, StringBuilder formatting) {
        if (parseMode == null || !parseMode.equalsIgnoreCase("html")) {
            return text;
        }
        StringBuilder plain = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int end = tag(text, i, open);
                if (formatting != null) {
                    String tag = text.substring(i + 1, end - 1).trim();
                    String name = tag.replaceFirst("^/", "").split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
                    String canonical = SYNONYMS.getOrDefault(name, name);
                    formatting.append(plain.length()).append(tag.startsWith("/") ? "/" : "")
                            .append(name.equals("a") || name.equals("span") || name.equals("pre")
                                    ? tag.replaceFirst("^/", "") : canonical).append(';');
                }
                i = end;
            } else if (c == '&') {
                i = entity(text, i, plain);
            } else {
                plain.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw error("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return plain.toString();
    }

    private static int tag(String text, int start, Deque<String> open) {
        int end = text.indexOf('>', start);
        if (end < 0) {
            throw error("Unclosed start tag at byte offset " + byteOffset(text, start));
        }
        String inside = text.substring(start + 1, end).trim();
        boolean closing = inside.startsWith("/");
        String name = (closing ? inside.substring(1) : inside).split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
        if (closing) {
            if (open.isEmpty() || !open.peek().equals(name)) {
                throw error("Unexpected end tag at byte offset " + byteOffset(text, start));
            }
            open.pop();
        } else {
            if (!HTML_TAGS.contains(name)) {
                throw error("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(text, start));
            }
            open.push(name);
        }
        return end + 1;
    }

    private static int entity(String text, int start, StringBuilder plain) {
        int end = text.indexOf(';', start);
        String name = end < 0 ? "" : text.substring(start + 1, end);
        String decoded = switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> numeric(name);
        };
        if (decoded == null) { // Telegram keeps an unknown or bare '&' as it is
            plain.append('&');
            return start + 1;
        }
        plain.append(decoded);
        return end + 1;
    }

    private static String numeric(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static int byteOffset(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static RuntimeException error(String what) {
        return TelegramError.badRequest("can't parse entities: " + what).asException();
    }
}
