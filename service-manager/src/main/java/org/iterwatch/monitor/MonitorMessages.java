package org.iterwatch.monitor;

import java.time.Duration;
import java.util.List;
import org.iterwatch.config.Durations;
import org.iterwatch.render.Html;

/**
 * Everything this module says to a person: why a monitor command is refused (the messages of
 * {@link MonitorException}, plain text) and what a monitor's followers are told ({@link MonitorNotice},
 * Telegram HTML). Quotes of what the person wrote are cut short: an answer quoting a whole message could
 * exceed Telegram's limit.
 */
final class MonitorMessages {
    static final String KAFKA_UNREACHABLE = "Kafka is not reachable right now; try again in a moment.";
    static final String NOT_A_TOPIC_NAME = "That is not a Kafka topic name: use letters, digits, '.', '_' and '-', at "
            + "most 249 characters.";

    private MonitorMessages() {
    }

    static String exists(String topic) {
        return "A monitor for " + topic + " exists already. " + startHint(topic) + " shows it here.";
    }

    static String noMonitor(String topic) {
        return "There is no monitor for " + topic + " yet. Add one with /add " + topic + ".";
    }

    static String noSuchMonitorOrTopic(String topic, List<String> close) {
        return close.isEmpty() ? "There is no monitor for " + quoted(topic) + ", and no topic of that name exists in Kafka."
                : "There is no monitor or topic " + quoted(topic) + ". Did you mean: " + String.join(", ", close) + "?";
    }

    static String noSuchTopic(String topic, List<String> close) {
        return "Topic " + topic + " does not exist in Kafka." + (close.isEmpty() ? "" : " Did you mean: "
                + String.join(", ", close) + "?");
    }

    static String topicGone(String topic) {
        return "Topic " + topic + " does not exist in Kafka now.";
    }

    static String readTooLong(Duration budget) {
        return "Reading the topic took longer than " + budget.toSeconds() + " s; try again.";
    }

    /** @param what "A title may have", "A Kafka topic name has" */
    static String tooLong(String what, int max, String text) {
        return what + " at most " + max + " characters (yours has " + text.length() + ").";
    }

    static String notAnOption(String word) {
        return "Options are written key=value, not " + quoted(word);
    }

    static String unknownOption(String key) {
        return "Unknown option " + quoted(key) + "; the options are refresh, stall, x, converge, limit and stagnation.";
    }

    static String notAPositiveNumber(String key, String text) {
        return key + " must be a positive number like 1e-6, or off, not " + quoted(text);
    }

    static String notAnIterationCount(String key, String text) {
        return key + " must be a whole number of iterations from 2 to 100000, not " + quoted(text);
    }

    static String notADuration(String key, String text) {
        return key + " must be a duration like 2s or 10m, not " + quoted(text);
    }

    static String durationOutOfRange(String key, Duration min, Duration max) {
        return key + " must be between " + Durations.format(min) + " and " + Durations.format(max);
    }

    static String notAnXAxis(String text) {
        return "x must be ordinal or coordinates, not " + quoted(text);
    }

    /** In Telegram HTML. */
    static String notice(MonitorNotice notice) {
        String t = "<code>" + Html.escape(Html.shorten(notice.topic(), 200)) + "</code>";
        String d = Html.escape(Html.shorten(notice.detail(), 1000));
        return switch (notice.kind()) {
            case RESTARTED -> "\u21bb The calculation of " + t + " restarted (" + d + "). Its chart starts again.";
            case STALLED -> "\u23f8 " + t + " stalled: no new records for " + d + ".";
            case RESUMED -> "\u25b6 " + t + " resumed: records are arriving again.";
            case FAILED -> "\u2716 The monitor of " + t + " failed and stopped: " + d + ". " + startHint(t) + " revives it.";
            case NON_FINITE -> "\u26a0 " + t + ": non-finite values (NaN or infinity) since iteration " + d + ".";
            case DIVERGING -> "\u26a0 " + t + " is diverging: " + d + ".";
            case CONVERGED -> "\u2705 " + t + " converged: " + d + ".";
            case STAGNATING -> "\u23f8 " + t + " is stagnating: " + d + ".";
        };
    }

    private static String startHint(String topic) {
        return "/start " + topic;
    }

    private static String quoted(String text) {
        return Html.shorten(text, 40);
    }
}
