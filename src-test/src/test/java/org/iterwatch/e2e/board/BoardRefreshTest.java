package org.iterwatch.e2e.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: the board is redrawn at most once a period (an hour here), however much changes; ⟳ redraws it at
 * once, for a viewer too; ⟳ pressed under any other message does nothing.
 */
class BoardRefreshTest {
    static final long LEAD = 1601;
    static final long VIEWER = 1602;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(LEAD)
            .configure(IterwatchExtension.QUICK_CHATS).configure("board: {period: 1h}");

    @Test
    void withinThePeriodOnlyRefreshRedrawsTheBoard(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                   ChatView chat) {
        String t = KafkaBroker.uniqueTopic("refresh");
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 10));
        iterwatch.ask(LEAD, "/add " + t);
        iterwatch.ask(LEAD, "/start " + t);
        long chart = chat.pinnedChart(LEAD, t);
        chat.awaitChart(LEAD, chart, t + " \u2014 10 points");
        assertThat(iterwatch.ask(LEAD, "/allow " + VIEWER + " viewer")).contains("viewer");
        assertThat(iterwatch.ask(VIEWER, "/board")).contains("status board is pinned");
        long board = BoardTest.boardMessage(telegram);
        telegram.await(() -> chat.caption(VIEWER, board).contains("1 monitor: 1 running"), TIMEOUT, "the board");

        kafka.produce(t, batch(2, 10));
        chat.awaitChart(LEAD, chart, t + " \u2014 20 points");
        // The change is there to be shown; the period (1 h) is not over: no redraw.
        ChatView.letTimePass(Duration.ofSeconds(3));
        assertThat(BoardTest.edits(telegram, board)).isZero();

        assertThat(chat.press(LEAD, LEAD, chart, "board:refresh")).as("\u27f3 data under a chart").get().asString()
                .contains("no longer works");
        assertThat(telegram.userPresses(VIEWER, VIEWER, board, "board:refresh")).isNotNull();
        telegram.await(() -> BoardTest.edits(telegram, board) == 1, TIMEOUT, "the board redrawn by \u27f3");
        assertThat(BoardTest.boardSends(telegram)).hasSize(1);

        assertThat(iterwatch.ask(VIEWER, "/board off")).contains("no longer redrawn");
        assertThat(chat.press(VIEWER, VIEWER, board, "board:refresh")).as("\u27f3 of a board that is off").get()
                .asString().contains("no longer works");
        assertThat(iterwatch.ask(VIEWER, "/board off")).contains("has no status board");
    }
}
