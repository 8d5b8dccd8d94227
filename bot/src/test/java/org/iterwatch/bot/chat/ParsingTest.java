package org.iterwatch.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.iterwatch.bot.telegram.Keyboard;
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
        Keyboard keyboard = Buttons.forMonitor(999_999_999_999L);

        assertThat(keyboard.rows().get(0)).extracting(Keyboard.Button::data)
                .allSatisfy(d -> assertThat(d.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64))
                .allSatisfy(d -> assertThat(Buttons.parse(d)).isPresent());
        assertThat(Buttons.parse("stop:42")).contains(new Buttons.Press(Buttons.Action.STOP, 42));
        Keyboard withViews = Buttons.forMonitor(999_999_999_999L, org.iterwatch.monitor.ChartView.DEFAULT, true);
        assertThat(withViews.rows().get(1)).extracting(Keyboard.Button::data)
                .allSatisfy(d -> assertThat(d.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64))
                .allSatisfy(d -> assertThat(Buttons.parseView(d)).isPresent())
                .hasSize(5);
        assertThat(Buttons.parseView("view:7:latest")).contains(
                new Buttons.ViewPress(org.iterwatch.monitor.ChartView.Button.LATEST, 7));
        assertThat(Buttons.parseView("view:7:delete")).isEmpty();
        assertThat(Buttons.parseView("view:0:all")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stop", "stop:", "stop:0", "stop:-1", "stop:1:2", "STOP:1", "remove:1", "stop:01",
        "stop:99999999999999999999", "start:1 ", "status:\u0661", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void forgedButtonDataIsRejected(String data) {
        assertThat(Buttons.parse(data)).isEmpty();
    }
}
