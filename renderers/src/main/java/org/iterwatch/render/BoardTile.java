package org.iterwatch.render;

import java.time.Instant;
import java.util.Locale;

/**
 * One monitor on the status board.
 *
 * @param recent     the latest values, oldest first, for the sparkline (may be empty)
 * @param lastUpdate when the newest point arrived, or null if none did yet
 */
public record BoardTile(String topic, String state, long points, Instant lastUpdate, double[] recent, Tone tone) {

    /** How the tile is marked: green running, grey idle, red needing attention. */
    public enum Tone { OK, IDLE, ALERT }

    public BoardTile {
        topic = topic == null ? "" : topic;
        state = state == null ? "" : state;
        recent = recent == null ? new double[0] : recent;
        tone = tone == null ? guess(state) : tone;
    }

    public BoardTile(String topic, String state, long points, Instant lastUpdate, double[] recent) {
        this(topic, state, points, lastUpdate, recent, null);
    }

    private static Tone guess(String state) {
        String s = state.toLowerCase(Locale.ROOT);
        if (s.contains("fail") || s.contains("stall") || s.contains("crash") || s.contains("error")) {
            return Tone.ALERT;
        }
        return s.contains("run") ? Tone.OK : Tone.IDLE;
    }
}
