package org.iterwatch.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.iterwatch.monitor.MonitorState;
import org.iterwatch.monitor.MonitorView;
import org.junit.jupiter.api.Test;

/** /status at a glance, from monitors as the service describes them. */
class StatusOverviewTest {
    static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void aRebuildingMonitorSaysSoInsteadOfZeroPointsAndTimesAreRelativeInTheChatsZone() {
        List<MonitorView> monitors = List.of(
                view("b", MonitorState.RUNNING, 0, null, true, false),
                view("a", MonitorState.RUNNING, 1, NOW.minusSeconds(3 * 3600), false, false),
                view("c", MonitorState.STOPPED, 12, NOW.minusSeconds(90), false, false));

        String html = StatusOverview.html(monitors, ZoneId.of("Europe/Berlin"), NOW);

        assertThat(html.split("\n")).containsExactly(
                "<b>2 running \u00b7 1 stopped</b>",
                "\ud83d\udfe2 <code>a</code> \u2014 running \u00b7 1 point \u00b7 iteration 7 \u00b7 last record 3 h ago (13:00)",
                "\ud83d\udfe2 <code>b</code> \u2014 running \u00b7 rebuilding\u2026",
                "\u23f9 <code>c</code> \u2014 stopped \u00b7 12 points \u00b7 iteration 7 \u00b7 last record 90 s ago",
                "Times in Europe/Berlin.");
        assertThat(html).doesNotContain("0 points");
    }

    private static MonitorView view(String topic, MonitorState state, long points, Instant last, boolean rebuilding,
                                    boolean finished) {
        return new MonitorView(1, topic, null, state, points, 1, 7, last, 0, rebuilding, finished);
    }
}
