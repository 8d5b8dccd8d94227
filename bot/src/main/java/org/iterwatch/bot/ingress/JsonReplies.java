package org.iterwatch.bot.ingress;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP port's JSON answers. They are a few small flat objects, so they are built as strings;
 * {@link #quote} escapes what a message may carry (quotes, backslashes, control characters).
 */
final class JsonReplies {
    private JsonReplies() {
    }

    /** Completes the exchange; true, as Jetty expects from a handler that took the request. */
    static boolean reply(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, json, callback);
        return true;
    }

    static String error(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    /** An error a client can act on: which field of its event is wrong. */
    static String field(String field, String message) {
        return "{\"error\":" + quote(message) + ",\"field\":" + quote(field) + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
