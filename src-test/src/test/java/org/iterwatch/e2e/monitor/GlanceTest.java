package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: a viewer follows a chart; the buttons under a chart are the ones that fit the chat and the state;
 * commands forgive (quoted titles with '=', a title change drawn at once, plurals, typos, missing topics); a
 * removed monitor's charts are unpinned with a "removed" button.
 */
class GlanceTest {
    static final long ADMIN = 4201;
    static final long VIEWER = 4202;
    static final long OTHER_VIEWER = 4203;
    static final String STOP = "\u23f9 Stop";
    static final String START = "\u25b6 Start";
    static final String STATUS = "\u2139 Status";

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN);

    @Test
    void aViewerFollowsAChartWithStatusOnlyAndARemovedChartIsUnpinned(Iterwatch iterwatch, FakeTelegram telegram,
                                                                      KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("follow");
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 1));
        iterwatch.ask(ADMIN, "/allow " + VIEWER + " viewer");
        iterwatch.ask(ADMIN, "/allow " + OTHER_VIEWER + " viewer");
        assertThat(iterwatch.ask(ADMIN, "/add " + t + " \"Airy: x0=0.6, h=0.01\" stall=10m")).contains("Added");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("Airy: x0=0.6, h=0.01").contains("stall=10m");
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, "Airy: x0=0.6, h=0.01 \u2014 1 point");
        assertThat(actions(chat.message(ADMIN, chart).buttonTexts())).containsExactly(STOP, STATUS);
        assertThat(chat.caption(ADMIN, chart)).contains("Airy: x0=0.6, h=0.01").contains(t);

        assertThat(iterwatch.ask(VIEWER, "/follow " + t)).contains("Following");
        long viewerChart = chat.pinnedChart(VIEWER, t);
        assertThat(actions(chat.message(VIEWER, viewerChart).buttonTexts())).as("a viewer can only look").containsExactly(STATUS);
        assertThat(iterwatch.ask(VIEWER, "/status " + t)).contains("State: RUNNING");

        // A new title is drawn at once, without waiting for a record.
        assertThat(iterwatch.ask(ADMIN, "/add " + t + " \"Airy, finer grid\"")).contains("Changed");
        chat.awaitChart(ADMIN, chart, "Airy, finer grid \u2014 1 point");
        chat.awaitChart(VIEWER, viewerChart, "Airy, finer grid \u2014 1 point");

        iterwatch.ask(ADMIN, "/stop " + t);
        telegram.await(() -> actions(chat.message(ADMIN, chart).buttonTexts()).equals(List.of(START, STATUS)), TIMEOUT,
                "only Start under the stopped chart");

        assertThat(iterwatch.ask(OTHER_VIEWER, "/follow " + t)).contains("Following");
        long otherChart = chat.pinnedChart(OTHER_VIEWER, t);
        assertThat(iterwatch.ask(OTHER_VIEWER, "/unfollow " + t)).contains("No more chart");
        telegram.await(() -> telegram.pinned(OTHER_VIEWER).isEmpty() && !chat.message(OTHER_VIEWER, otherChart).hasKeyboard(),
                TIMEOUT, "the unfollowed chart unpinned, without buttons");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).as("unfollowing stops nothing").contains("State: STOPPED");

        assertThat(iterwatch.ask(ADMIN, "/remove " + t)).contains("unpinned");
        for (long[] c : new long[][] {{ADMIN, chart}, {VIEWER, viewerChart}}) {
            telegram.await(() -> telegram.pinned(c[0]).orElse(-1) != c[1]
                    && chat.message(c[0], c[1]).buttonTexts().equals(List.of("\u2716 removed")), TIMEOUT,
                    "the chart in " + c[0] + " unpinned and marked removed");
        }
        ChatMessage removed = chat.message(ADMIN, chart);
        assertThat(chat.press(ADMIN, ADMIN, chart, removed.callbackData().get(0))).hasValueSatisfying(
                answer -> assertThat(answer).contains("was removed"));
    }

    @Test
    void typosAndMissingTopicsGetHelpfulAnswers(Iterwatch iterwatch, KafkaBroker kafka) {
        String t = KafkaBroker.uniqueTopic("typo");
        kafka.createTopic(t);
        iterwatch.ask(ADMIN, "/add " + t);

        assertThat(iterwatch.ask(ADMIN, "/stauts")).contains("Did you mean /status?");
        assertThat(iterwatch.ask(ADMIN, "/stop " + t + "x")).contains("Did you mean: " + t + "?");
        assertThat(iterwatch.ask(ADMIN, "/stop zz-" + Long.toHexString(System.nanoTime())))
                .contains("no topic of that name exists in Kafka");
        String unmonitored = KafkaBroker.uniqueTopic("bare");
        kafka.createTopic(unmonitored);
        assertThat(iterwatch.ask(ADMIN, "/start " + unmonitored)).contains("Add one with /add " + unmonitored);
        assertThat(iterwatch.ask(ADMIN, "/help")).contains("How a solver publishes").contains("kcat -b")
                .contains("\"values\"");
    }

    /** The buttons that act on the monitor, without the row that chooses the view (All, Latest, log y, ...). */
    private static List<String> actions(List<String> buttons) {
        return buttons.stream().filter(b -> b.equals(START) || b.equals(STOP) || b.equals(STATUS)).toList();
    }
}
