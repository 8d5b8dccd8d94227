package org.iterwatch.monitor;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** What a record's key and headers add to its JSON (contract 1), each read with a bound and a reason. */
final class KeyAndHeaders {
    /** Series names and run ids longer than this are refused: they are kept (and shown) for as long as the series. */
    static final int MAX_NAME = 200;

    private KeyAndHeaders() {
    }

    /** The header index, or null without one; anything but a whole number is refused, never read as 0. */
    static Long index(Headers headers) {
        Header h = headers.lastHeader("index");
        if (h == null) {
            return null;
        }
        Long index = number(h.value());
        if (index == null) {
            throw new BadRecordException("header index must be a whole number from 0 on");
        }
        return index;
    }

    /** The header total (planned iterations), or null without one; anything but a whole number is refused. */
    static Long total(Headers headers) {
        Header h = headers.lastHeader("total");
        if (h == null) {
            return null;
        }
        Long total = number(h.value());
        if (total == null) {
            throw new BadRecordException("header total must be a whole number from 0 on");
        }
        return total;
    }

    static String seriesName(ParsedRecord parsed, Headers headers) {
        String name = parsed.series() != null ? parsed.series() : orEmpty(text(headers, "series", "header series"));
        if (name.length() > MAX_NAME) {
            throw new BadRecordException("the series name is longer than " + MAX_NAME + " characters");
        }
        return name;
    }

    /** The record's own abscissae, else x0 + i·dx from the headers, else none. */
    static double[] abscissae(ParsedRecord parsed, Headers headers, int index) {
        if (parsed.x() != null) {
            return parsed.x();
        }
        Header x0 = headers.lastHeader("x0");
        Header dx = headers.lastHeader("dx");
        if (x0 == null || dx == null) {
            return null;
        }
        double start = real(x0, "x0");
        double step = real(dx, "dx");
        double[] x = new double[parsed.values().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = start + (index + i) * step;
        }
        if (x.length > 0 && !(Double.isFinite(x[0]) && Double.isFinite(x[x.length - 1]))) {
            throw new BadRecordException("headers x0 and dx give abscissae that are not finite numbers");
        }
        return x;
    }

    private static double real(Header h, String name) {
        if (h.value() != null && h.value().length > 64) {
            throw new BadRecordException("header " + name + " is not a finite number");
        }
        try {
            double v = Double.parseDouble(new String(h.value(), StandardCharsets.UTF_8).strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new BadRecordException("header " + name + " is not a finite number");
    }

    /** Contract 1: the record's own number, else its key, else its header, else its offset. */
    static long iteration(ParsedRecord parsed, ConsumerRecord<byte[], byte[]> r) {
        if (parsed.iteration() != null) {
            return parsed.iteration();
        }
        Long fromKey = number(r.key());
        if (fromKey != null) {
            return fromKey;
        }
        Long fromHeader = number(r.headers().lastHeader("iteration"));
        return fromHeader != null ? fromHeader : r.offset();
    }

    private static Long number(Header header) {
        return header == null ? null : number(header.value());
    }

    private static Long number(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > 19) {
            return null;
        }
        try {
            long v = Long.parseLong(new String(bytes, StandardCharsets.UTF_8).strip());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A header's text; one longer than {@value #MAX_NAME} bytes is refused before it is decoded. */
    static String text(Headers headers, String key, String what) {
        Header h = headers.lastHeader(key);
        if (h == null || h.value() == null) {
            return null;
        }
        if (h.value().length > MAX_NAME) {
            throw new BadRecordException(what + " is longer than " + MAX_NAME + " bytes");
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
