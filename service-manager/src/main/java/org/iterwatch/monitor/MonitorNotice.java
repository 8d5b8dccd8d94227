package org.iterwatch.monitor;

import java.util.List;

/**
 * Something about a monitor its followers must be told once: the calculation restarted, it stalled,
 * resumed, or the monitor gave up; or what its series says: non-finite values, diverging, converged, stagnating.
 *
 * @param detail plain text: the cause of a restart, the silence of a stall, the error of a failure
 */
public record MonitorNotice(long monitorId, String topic, Kind kind, String detail, List<Follower> followers) {
    public enum Kind {
        RESTARTED, STALLED, RESUMED, FAILED, NON_FINITE, DIVERGING, CONVERGED, STAGNATING;

        /** Whether it must wake someone: news (a restart, a resume, convergence) arrives without a sound. */
        public boolean rings() {
            return switch (this) {
                case RESTARTED, RESUMED, CONVERGED -> false;
                default -> true;
            };
        }
    }

    public MonitorNotice {
        followers = List.copyOf(followers);
    }

    /** The message, in Telegram HTML. */
    public String html() {
        return MonitorMessages.notice(this);
    }
}
