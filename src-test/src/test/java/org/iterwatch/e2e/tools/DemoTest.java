package org.iterwatch.e2e.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.List;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.Iterwatch.ToolRun;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: a newcomer's first chart. A fresh data dir, iterwatch on its embedded broker, {@code iterwatch demo}
 * (at a quick pace), then exactly what the demo says to type: the chart shows all of the demo's points.
 */
class DemoTest {
    static final long NEWCOMER = 1401;
    static final String TOPIC = "airy.x0.6";

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(NEWCOMER).embeddedKafka()
            .configure(IterwatchExtension.QUICK_CHATS);

    @Test
    void whatTheDemoSaysToTypeShowsItsCalculation(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat) {
        ToolRun demo = iterwatch.runTool(Duration.ofSeconds(90), "demo", "--pace", "20ms");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("the Airy pulse at x = 0.6, 100 iterations of 101 values", "iteration 100 of 100");
        List<String> toType = demo.out().lines().filter(l -> l.startsWith("  /")).map(String::strip).toList();
        assertThat(toType).containsExactly("/add " + TOPIC + " Airy pulse x=coordinates", "/start " + TOPIC);
        assertThat(ReadmeExamples.lines("java -jar bot/target/iterwatch.jar demo")).hasSize(1);
        assertThat(ReadmeExamples.lines("text", "/")).as("the README's quick start").isEqualTo(toType);

        assertThat(iterwatch.ask(NEWCOMER, toType.get(0))).contains("Added");
        iterwatch.ask(NEWCOMER, toType.get(1));
        long chart = chat.pinnedChart(NEWCOMER, TOPIC);
        // 100 iterations of 101 values; the title's digit grouping is not this test's business
        try {
            telegram.await(() -> chat.title(NEWCOMER, chart).matches("Airy pulse \u2014 10,?100 points"), TIMEOUT,
                    "the demo's 10 100 points on the chart");
        } catch (AssertionError e) {
            throw new AssertionError("the chart shows '" + chat.title(NEWCOMER, chart) + "', caption '"
                    + chat.caption(NEWCOMER, chart) + "'", e);
        }
        assertThat(chat.caption(NEWCOMER, chart)).contains("iterations 1\u2013100");
    }

    @Test
    void aSecondDemoIsANewRunOfTheCalculation(Iterwatch iterwatch) {
        assertThat(iterwatch.runTool(Duration.ofSeconds(90), "demo", "--pace", "0s", "--iterations", "3").exitCode()).isZero();
        ToolRun again = iterwatch.runTool(Duration.ofSeconds(90), "demo", "--pace", "0s", "--iterations", "2");

        assertThat(again.out()).contains("its earlier records deleted: a new run");
        assertThat(iterwatch.runTool(Duration.ofSeconds(60), "topic", "list").out())
                .containsPattern("(?m)^" + TOPIC + " +2 records$");
        ToolRun bad = iterwatch.runTool(Duration.ofSeconds(60), "demo", "--pace", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--pace: 'soon' is not a duration");
    }
}
