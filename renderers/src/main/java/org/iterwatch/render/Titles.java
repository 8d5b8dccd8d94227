package org.iterwatch.render;

/** Chart titles, shared by the picture and the caption so both always agree. */
public final class Titles {
    private Titles() {
    }

    /** {@code <topic> — N points}, N exact ("1 point"). */
    public static String progress(String topic, long points) {
        return topic + " \u2014 " + points + (points == 1 ? " point" : " points");
    }
}
