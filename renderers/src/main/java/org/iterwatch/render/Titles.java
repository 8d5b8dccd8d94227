package org.iterwatch.render;

import java.util.Locale;

/** Chart titles, shared by the picture and the caption so both always agree. */
public final class Titles {
    private Titles() {
    }

    /** {@code <topic> — N points}, N exact and grouped as the axes group it ({@code 1,000,000}). */
    public static String progress(String topic, long points) {
        return topic + " \u2014 " + count(points) + (points == 1 ? " point" : " points");
    }

    /** A count as the axes write it: {@code 1,000,000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
