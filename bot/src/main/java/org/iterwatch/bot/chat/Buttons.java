package org.iterwatch.bot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.monitor.ChartView;

/**
 * The buttons under a progress message. Callback data carries the monitor's numeric id, never
 * its topic (topics run to 249 characters; data is limited to 64 bytes), and is parsed strictly
 * because anyone can send any data.
 */
public final class Buttons {
    enum Action {
        START, STATUS, STOP;

        /** As on the button, for answers such as "Stop needs the operator role". */
        String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Press(Action action, long monitorId) {
    }

    /** A press on the view row: what the chart message shows (any role may choose). */
    record ViewPress(ChartView.Button button, long monitorId) {
    }

    private static final Pattern DATA = Pattern.compile("(start|status|stop):([1-9][0-9]{0,17})");
    private static final Pattern VIEW = Pattern.compile("view:([1-9][0-9]{0,17}):(all|latest|delta|log|previous)");

    private Buttons() {
    }

    /**
     * Status for everyone; in an operator's chat also the one of Start and Stop that fits the state: Start when
     * the monitor is stopped or failed, Stop while it runs.
     */
    public static Keyboard forMonitor(long monitorId, MonitorState state, boolean operatorChat) {
        Keyboard.Button status = new Keyboard.Button("\u2139 Status", "status:" + monitorId);
        if (!operatorChat) {
            return Keyboard.row(status);
        }
        boolean stopped = state == MonitorState.STOPPED || state == MonitorState.FAILED;
        return Keyboard.row(stopped ? new Keyboard.Button("\u25b6 Start", "start:" + monitorId)
                : new Keyboard.Button("\u23f9 Stop", "stop:" + monitorId), status);
    }

    /** What stays under the chart of a removed monitor: a button that only says so. */
    public static Keyboard removed() {
        return Keyboard.row(new Keyboard.Button("\u2716 removed", REMOVED));
    }

    /** The data of {@link #removed()}'s button. */
    static final String REMOVED = "removed";

    /** The monitor's buttons and, below them, the view row: All · Latest · Δ (with converge=) · log y · previous run. */
    public static Keyboard forMonitor(long monitorId, MonitorState state, boolean operatorChat, ChartView view,
                                      boolean deltas) {
        List<Keyboard.Button> row = new ArrayList<>();
        for (ChartView.Button b : ChartView.Button.values()) {
            if (b != ChartView.Button.DELTA || deltas) {
                row.add(new Keyboard.Button((view.shows(b) ? "\u2022 " : "") + VIEW_LABELS.get(b),
                        "view:" + monitorId + ":" + b.data()));
            }
        }
        return new Keyboard(List.of(forMonitor(monitorId, state, operatorChat).rows().get(0), row));
    }

    private static final Map<ChartView.Button, String> VIEW_LABELS = Map.of(ChartView.Button.ALL, "All",
            ChartView.Button.LATEST, "Latest", ChartView.Button.DELTA, "\u0394", ChartView.Button.LOG, "log y",
            ChartView.Button.PREVIOUS, "prev. run");

    static Optional<ViewPress> parseView(String data) {
        if (data == null || data.length() > 64) {
            return Optional.empty();
        }
        Matcher m = VIEW.matcher(data);
        if (!m.matches()) {
            return Optional.empty();
        }
        return ChartView.Button.parse(m.group(2)).map(b -> new ViewPress(b, Long.parseLong(m.group(1))));
    }

    static Optional<Press> parse(String data) {
        if (data == null || data.length() > 64) {
            return Optional.empty();
        }
        Matcher m = DATA.matcher(data);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Press(Action.valueOf(m.group(1).toUpperCase()), Long.parseLong(m.group(2))));
    }
}
