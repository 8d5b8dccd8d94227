package org.iterwatch.bot;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps tokens out of everything iterwatch prints: anything shaped like a bot token, and the exact
 * tokens it was configured with, since an API token has no shape a pattern could find. Used by
 * logback as {@code %mask(...)} (hence public, with a public constructor) and for what Main prints itself.
 */
public final class SecretMask extends CompositeConverter<ILoggingEvent> {
    private static final Pattern BOT_TOKEN = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{20,}");
    /** Shorter values would mask ordinary words; the configuration refuses such tokens anyway. */
    private static final int SHORTEST = 8;
    private static volatile List<String> secrets = List.of();

    /** Adds the values to those masked from now on. */
    static synchronized void register(Collection<String> values) {
        secrets = java.util.stream.Stream.concat(secrets.stream(), values.stream())
                .filter(v -> v != null && v.length() >= SHORTEST).distinct().toList();
    }

    static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = BOT_TOKEN.matcher(text).replaceAll("<token>");
        for (String secret : secrets) {
            out = out.replace(secret, "<secret>");
        }
        return out;
    }

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return apply(in);
    }
}
