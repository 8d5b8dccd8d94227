package org.iterwatch.e2e.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small {@code multipart/form-data} parser: text parts become parameters, parts with a filename become files. */
final class MultipartParser {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private MultipartParser() {
    }

    static ParsedRequest parse(String contentType, byte[] body, Map<String, String> params) {
        byte[] delimiter = ("--" + boundary(contentType)).getBytes(StandardCharsets.ISO_8859_1);
        List<UploadedFile> files = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw malformed("no boundary in body");
        }
        while (true) {
            int afterDelimiter = position + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                return new ParsedRequest(params, files);
            }
            int headersStart = afterDelimiter + 2; // CRLF after the delimiter
            int headersEnd = indexOf(body, CRLF_CRLF, headersStart);
            if (headersEnd < 0) {
                throw malformed("part without headers");
            }
            byte[] nextDelimiter = ("\r\n" + new String(delimiter, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw malformed("unterminated part");
            }
            addPart(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    java.util.Arrays.copyOfRange(body, contentStart, contentEnd), params, files);
            position = contentEnd + 2;
        }
    }

    private static void addPart(String headerBlock, byte[] content, Map<String, String> params,
                                List<UploadedFile> files) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : headerBlock.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        Map<String, String> disposition = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(headers.getOrDefault("content-disposition", ""));
        while (m.find()) {
            disposition.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2).replace("\\\"", "\""));
        }
        String name = disposition.get("name");
        if (name == null) {
            throw malformed("part without a name");
        }
        if (disposition.containsKey("filename")) {
            files.add(new UploadedFile(name, disposition.get("filename"), headers.get("content-type"), content));
        } else {
            params.put(name, new String(content, StandardCharsets.UTF_8));
        }
    }

    private static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw malformed("no boundary in Content-Type");
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static boolean startsWith(byte[] body, int from, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return from + p.length <= body.length && indexOf(body, p, from) == from;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static RuntimeException malformed(String why) {
        return TelegramError.badRequest("invalid multipart/form-data: " + why).asException();
    }
}
