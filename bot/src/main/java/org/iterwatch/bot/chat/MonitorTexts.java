package org.iterwatch.bot.chat;

import java.util.List;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.monitor.MonitorView;
import org.iterwatch.render.Html;
import org.iterwatch.render.StatusText;

/**
 * What the bot answers to monitor commands and chart buttons, in Telegram HTML. (Why a monitor command
 * is refused is said by service-manager, in its own words.)
 */
public final class MonitorTexts {
    static final String NO_MONITORS = "No monitors yet. Add one with /add &lt;topic&gt;.";
    static final String NO_TOPICS = "Kafka has no topics yet.";

    private MonitorTexts() {
    }

    static String started(MonitorView after, MonitorView before) {
        String topic = code(after.topic());
        return before != null && before.state() == MonitorState.RUNNING
                ? topic + " is running already; its chart is pinned in the chats that follow it."
                : "\u25b6 Started " + topic + ". Its chart is pinned here and redrawn as results arrive.";
    }

    static String stopped(MonitorView monitor) {
        return "\u23f9 Stopped " + code(monitor.topic()) + ".";
    }

    static String added(String topic) {
        return "Added a monitor for " + code(topic) + ". Start it with /start " + Html.escape(topic) + ".";
    }

    static String changed(String topic) {
        return "Changed the monitor of " + code(topic) + ". /status " + Html.escape(topic) + " shows its options.";
    }

    static String removed(String topic) {
        return "Removed the monitor for " + code(topic) + "; its charts are unpinned.";
    }

    static String following(MonitorView monitor) {
        return "\ud83d\udccc Following " + code(monitor.topic()) + ": its chart is pinned here and redrawn as results "
                + "arrive" + (monitor.state() == MonitorState.STOPPED || monitor.state() == MonitorState.FAILED
                ? " (it is " + monitor.state().name().toLowerCase(java.util.Locale.ROOT) + " now: the chart shows what it "
                + "read, if it read since iterwatch started)" : "") + ". /unfollow " + Html.escape(monitor.topic()) + " ends it.";
    }

    static String followingAlready(String topic) {
        return "This chat follows " + code(topic) + " already; its chart is pinned here.";
    }

    static String notFollowing(String topic) {
        return "This chat does not follow " + code(topic) + ".";
    }

    static String unfollowed(String topic) {
        return "No more chart of " + code(topic) + " here; the monitor itself goes on as it was.";
    }

    static String exportCaption(String topic) {
        return "Series of " + code(topic);
    }

    static String exported(String topic) {
        return "Sent the series of " + code(topic) + " as 1 CSV file.";
    }

    /** The broker's topics, monitored ones marked, cut to one message. */
    static String topics(List<String> topics, List<String> monitored) {
        if (topics.isEmpty()) {
            return NO_TOPICS;
        }
        StringBuilder out = new StringBuilder("<b>Kafka topics</b> (\u25cf monitored)\n");
        for (String t : topics) {
            String line = (monitored.contains(t) ? "\u25cf " : "\u25cb ") + code(t) + "\n";
            if (out.length() + line.length() > StatusText.MAX_MESSAGE - 40) {
                out.append("\u2026");
                break;
            }
            out.append(line);
        }
        return out.toString().stripTrailing();
    }

    private static String code(String topic) {
        return "<code>" + Html.escape(topic) + "</code>";
    }
}
