package org.iterwatch.monitor;

import java.util.regex.Pattern;

/** What a monitor's topic name and title may be, refused before anything is stored or asked of Kafka. */
final class MonitorNames {
    /** Kafka's own limit, and the width of the monitor table's column. */
    private static final int TOPIC_MAX = 249;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1," + TOPIC_MAX + "}");
    /** The width of the monitor table's title column. */
    private static final int TITLE_MAX = 200;

    private MonitorNames() {
    }

    static void checkTopic(String topic) {
        if (topic != null && topic.length() > TOPIC_MAX) {
            throw new MonitorException(tooLong("A Kafka topic name has", TOPIC_MAX, topic));
        }
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new MonitorException("That is not a Kafka topic name: use letters, digits, '.', '_' and '-', at most 249 characters.");
        }
    }

    /** The column would refuse a longer one with an error that quotes it whole. */
    static void checkTitle(String title) {
        if (title != null && title.length() > TITLE_MAX) {
            throw new MonitorException(tooLong("A title may have", TITLE_MAX, title));
        }
    }

    private static String tooLong(String what, int max, String text) {
        return what + " at most " + max + " characters (yours has " + text.length() + ").";
    }
}
