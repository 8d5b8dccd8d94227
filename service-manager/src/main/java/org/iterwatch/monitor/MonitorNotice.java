package org.iterwatch.monitor;

import java.util.List;
import org.iterwatch.render.Html;

/**
 * Something about a monitor its followers must be told once: the calculation restarted, it stalled,
 * resumed, or the monitor gave up.
 *
 * @param detail plain text: the cause of a restart, the silence of a stall, the error of a failure
 */
public record MonitorNotice(long monitorId, String topic, Kind kind, String detail, List<Follower> followers) {
    public enum Kind { RESTARTED, STALLED, RESUMED, FAILED }

    public MonitorNotice {
        followers = List.copyOf(followers);
    }

    /** The message, in Telegram HTML. */
    public String html() {
        String t = "<code>" + Html.escape(Html.shorten(topic, 200)) + "</code>";
        String d = Html.escape(Html.shorten(detail, 1000));
        return switch (kind) {
            case RESTARTED -> "\u21bb The calculation of " + t + " restarted (" + d + "). Its chart starts again.";
            case STALLED -> "\u23f8 " + t + " stalled: no new records for " + d + ".";
            case RESUMED -> "\u25b6 " + t + " resumed: records are arriving again.";
            case FAILED -> "\u2716 The monitor of " + t + " failed and stopped: " + d + ". /start " + t + " revives it.";
        };
    }
}
