package org.iterwatch.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.monitor.MonitorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands and button data come from anyone; they parse strictly or not at all. */
class ParsingTest {
    @Test
    void commandsWithArgumentsAndBotSuffix() {
        assertThat(CommandLine.parse("/add airy.x0.6 Airy at x=0.6", "iw_bot"))
                .contains(new CommandLine("add", "airy.x0.6 Airy at x=0.6"));
        assertThat(CommandLine.parse("/status@iw_bot", "iw_bot")).contains(new CommandLine("status", ""));
        assertThat(CommandLine.parse("  /stop   t  ", "iw_bot")).contains(new CommandLine("stop", "t"));
    }

    @Test
    void commandsForOtherBotsAndPlainTextAreNotCommands() {
        assertThat(CommandLine.parse("/status@other_bot", "iw_bot")).isEmpty();
        assertThat(CommandLine.parse("hello /status", "iw_bot")).isEmpty();
        assertThat(CommandLine.parse(null, "iw_bot")).isEmpty();
    }

    @Test
    void buttonDataRoundTripsWithinTelegramsLimit() {
        for (MonitorState state : MonitorState.values()) {
            Keyboard keyboard = Buttons.forMonitor(999_999_999_999L, state, true);

            assertThat(keyboard.rows().get(0)).extracting(Keyboard.Button::data)
                    .allSatisfy(d -> assertThat(d.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64))
                    .allSatisfy(d -> assertThat(Buttons.parse(d)).isPresent());
        }
        assertThat(Buttons.parse("stop:42")).contains(new Buttons.Press(Buttons.Action.STOP, 42));
        Keyboard withViews = Buttons.forMonitor(999_999_999_999L, MonitorState.RUNNING, true,
                org.iterwatch.monitor.ChartView.DEFAULT, true);
        assertThat(withViews.rows().get(1)).extracting(Keyboard.Button::data)
                .allSatisfy(d -> assertThat(d.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64))
                .allSatisfy(d -> assertThat(Buttons.parseView(d)).isPresent())
                .hasSize(5);
        assertThat(Buttons.parseView("view:7:latest")).contains(
                new Buttons.ViewPress(org.iterwatch.monitor.ChartView.Button.LATEST, 7));
        assertThat(Buttons.parseView("view:7:delete")).isEmpty();
        assertThat(Buttons.parseView("view:0:all")).isEmpty();
    }

    @Test
    void onlyTheButtonThatFitsTheStateAndOnlyForOperators() {
        assertThat(labels(Buttons.forMonitor(1, MonitorState.RUNNING, true))).containsExactly("\u23f9 Stop", "\u2139 Status");
        assertThat(labels(Buttons.forMonitor(1, MonitorState.STALLED, true))).containsExactly("\u23f9 Stop", "\u2139 Status");
        assertThat(labels(Buttons.forMonitor(1, MonitorState.STOPPED, true))).containsExactly("\u25b6 Start", "\u2139 Status");
        assertThat(labels(Buttons.forMonitor(1, MonitorState.FAILED, true))).containsExactly("\u25b6 Start", "\u2139 Status");
        assertThat(labels(Buttons.forMonitor(1, MonitorState.RUNNING, false))).containsExactly("\u2139 Status");
    }

    @Test
    void aQuotedTitleMayHoldAnEqualsSignAndOptionsStayOptions() {
        assertThat(AddArguments.split("t \"a=b, c\" stall=1m")).containsExactly(new AddArguments.Word("t", false),
                new AddArguments.Word("a=b, c", false), new AddArguments.Word("stall=1m", true));
        assertThat(AddArguments.split("t \u201ck=3 run\u201d")).containsExactly(new AddArguments.Word("t", false),
                new AddArguments.Word("k=3 run", false));
        assertThat(AddArguments.split("t Airy's \"x")).extracting(AddArguments.Word::text)
                .containsExactly("t", "Airy's", "\"x");
    }

    private static java.util.List<String> labels(Keyboard keyboard) {
        return keyboard.rows().get(0).stream().map(Keyboard.Button::label).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stop", "stop:", "stop:0", "stop:-1", "stop:1:2", "STOP:1", "remove:1", "stop:01",
        "stop:99999999999999999999", "start:1 ", "status:\u0661", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void forgedButtonDataIsRejected(String data) {
        assertThat(Buttons.parse(data)).isEmpty();
    }
}
