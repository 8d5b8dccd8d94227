package org.iterwatch.bot.board;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.iterwatch.config.Durations;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.render.BoardTile;

/** What the board says in words: its caption, and each state as its tile names it (plain words: fonts lack emoji). */
public final class BoardTexts {
    private BoardTexts() {
    }

    static String state(MonitorState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static BoardTile.Tone tone(MonitorState state) {
        return switch (state) {
            case RUNNING -> BoardTile.Tone.OK;
            case STOPPED -> BoardTile.Tone.IDLE;
            case RECONNECTING, STALLED, FAILED -> BoardTile.Tone.ALERT;
        };
    }

    /** "8 monitors: 4 running, 2 stalled, …" and how the board keeps itself up to date. */
    static String caption(List<BoardTile> tiles, Duration period) {
        Map<String, Long> byState = tiles.stream().collect(Collectors.groupingBy(BoardTile::state, TreeMap::new,
                Collectors.counting()));
        String counts = byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return "<b>Status board</b> \u00b7 " + tiles.size() + (tiles.size() == 1 ? " monitor" : " monitors")
                + (counts.isEmpty() ? "" : ": " + counts)
                + "\nRedrawn when something changes, at most every " + Durations.format(period)
                + "; \u27f3 redraws it now.";
    }

    public static String off(boolean had) {
        return had ? "The status board here is no longer redrawn; its last picture stays until you delete it."
                : "This chat has no status board. /board pins one.";
    }

    public static String asked(boolean first) {
        return first ? "The status board is pinned in this chat: one tile per monitor, redrawn in place when something "
                + "changes." : "The status board of this chat is redrawn now.";
    }
}
