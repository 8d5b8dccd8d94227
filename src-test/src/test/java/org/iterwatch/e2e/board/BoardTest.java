package org.iterwatch.e2e.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: a team lead's /board shows 8 monitors in different states in one pinned picture, legible at the
 * 1280 px Telegram shows; it is edited in place (never sent again) when a monitor changes, not when nothing
 * does. The board period is 2 s here instead of a minute, so that waits stay short ({@link BoardRefreshTest}: ⟳).
 */
class BoardTest {
    static final long LEAD = 1501;
    static final Color OK = new Color(30, 150, 60);
    static final Color IDLE = new Color(140, 140, 140);
    static final Color ALERT = new Color(215, 30, 30);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(LEAD)
            .configure(IterwatchExtension.QUICK_CHATS).configure("monitors: {failureLimit: 2}\nboard: {period: 2s}");

    @Test
    void eightMonitorsInOnePinnedPictureEditedInPlaceWhenOneChanges(Iterwatch iterwatch, FakeTelegram telegram,
                                                                    KafkaBroker kafka, ChatView chat) {
        String prefix = KafkaBroker.uniqueTopic("board");
        List<String> topics = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String t = prefix + ".m" + i;
            kafka.createTopic(t);
            kafka.produce(t, batch(1, 10 * i));
            topics.add(t);
        }
        for (int i = 0; i < 7; i++) {   // the 8th is only added: stopped from the start
            assertThat(iterwatch.ask(LEAD, "/add " + topics.get(i) + (i == 5 ? " stall=1s" : ""))).contains("Added");
            iterwatch.ask(LEAD, "/start " + topics.get(i));
        }
        iterwatch.ask(LEAD, "/add " + topics.get(7));
        iterwatch.ask(LEAD, "/stop " + topics.get(4));
        kafka.deleteTopic(topics.get(6));       // fails: its topic is gone
        chat.awaitMessages(LEAD, 1, topics.get(6), "failed and stopped");
        chat.awaitMessages(LEAD, 1, topics.get(5), "stalled");

        assertThat(iterwatch.ask(LEAD, "/board")).contains("status board is pinned");
        long board = boardMessage(telegram);
        telegram.await(() -> telegram.pinned(LEAD).orElse(-1) == board, TIMEOUT, "the board pinned");
        String states = "8 monitors: 1 failed, 4 running, 1 stalled, 2 stopped";
        telegram.await(() -> chat.caption(LEAD, board).contains(states), TIMEOUT, "the board's caption: " + states);
        BufferedImage picture = Pictures.decode(chat.message(LEAD, board).photo().orElseThrow());
        assertThat(picture.getWidth()).as("Telegram shows at most 1280 px; drawn at that, nothing is scaled").isEqualTo(1280);
        assertThat(Pictures.title(chat.message(LEAD, board).photo().orElseThrow())).startsWith("Monitors \u2014 8");
        assertThat(Pictures.count(picture, OK)).as("running tiles' green").isGreaterThan(100);
        assertThat(Pictures.count(picture, IDLE)).as("stopped tiles' grey").isGreaterThan(100);
        assertThat(Pictures.count(picture, ALERT)).as("failed and stalled tiles' red").isGreaterThan(100);
        assertThat(Pictures.count(picture, Pictures.LINE_BLUE)).as("sparklines").isGreaterThan(500);

        // Nothing changes: three periods pass without an edit.
        long edits = edits(telegram, board);
        ChatView.letTimePass(Duration.ofSeconds(6));
        assertThat(edits(telegram, board)).as("no edit while nothing changed").isEqualTo(edits);

        byte[] before = chat.message(LEAD, board).photo().orElseThrow();
        kafka.produce(topics.get(0), batch(2, 10));
        telegram.await(() -> edits(telegram, board) > edits, TIMEOUT, "the board edited after a monitor changed");
        assertThat(chat.message(LEAD, board).photo().orElseThrow()).isNotEqualTo(before);
        assertThat(boardSends(telegram)).as("edited in place, never sent again").hasSize(1);

        assertThat(chat.message(LEAD, board).buttonTexts()).containsExactly("\u27f3 Refresh");
    }

    static long boardMessage(FakeTelegram telegram) {
        return telegram.awaitCall("sendPhoto", c -> c.ok() && c.param("caption").orElse("").contains("Status board"),
                TIMEOUT).responseJson().path("result").path("message_id").asLong();
    }

    static List<ApiCall> boardSends(FakeTelegram telegram) {
        return telegram.calls("sendPhoto").stream().filter(c -> c.param("caption").orElse("").contains("Status board"))
                .toList();
    }

    static long edits(FakeTelegram telegram, long message) {
        return telegram.calls("editMessageMedia").stream()
                .filter(c -> c.ok() && c.param("message_id").orElse("").equals(String.valueOf(message))).count();
    }
}
