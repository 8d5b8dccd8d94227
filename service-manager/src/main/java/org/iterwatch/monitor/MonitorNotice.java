package org.iterwatch.monitor;

import java.util.List;

/**
 * Something about a monitor its followers must be told once: the calculation restarted, it stalled,
 * resumed, or the monitor gave up; or what its series says: non-finite values, diverging, converged, stagnating.
 *
 * @param detail plain text: the cause of a restart, the silence of a stall, the error of a failure
 */
public record MonitorNotice(long monitorId, String topic, Kind kind, String detail, List<Follower> followers) {
    public enum Kind { RESTARTED, STALLED, RESUMED, FAILED, NON_FINITE, DIVERGING, CONVERGED, STAGNATING }

    public MonitorNotice {
        followers = List.copyOf(followers);
    }

    /** The message, in Telegram HTML. */
    public String html() {
        return MonitorMessages.notice(this);
    }
}
