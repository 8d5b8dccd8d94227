package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: what the series says, with solvers simulated through Kafka: progress and ETA, convergence (rate,
 * iterations left, one converged alert), stagnation, non-finite values. One iterwatch serves all tests; each
 * follows a topic of its own and counts only that topic's alerts.
 */
class SeriesInsightTest {
    static final long ADMIN = 4201;
    static final int GRID = 40;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).perClass();

    /** A solver recomputing one grid whose change shrinks by {@code r} per iteration. */
    static String converging(int iteration, double r) {
        return grid(iteration, Math.pow(r, iteration));
    }

    static String grid(int iteration, double amplitude) {
        return "{\"iteration\": " + iteration + ", \"values\": [" + IntStream.range(0, GRID)
                .mapToObj(i -> String.format(Locale.ROOT, "%.17g", 1 + Math.sin(i * 0.3) * amplitude))
                .collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void aConvergingSolverShowsItsRateAndTheIterationsLeftAndConvergesOnce(Iterwatch iterwatch, FakeTelegram telegram,
                                                                           KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("converging");
        double r = 0.6;
        double tolerance = 1e-6;
        kafka.createTopic(t);
        kafka.produceAll(t, IntStream.rangeClosed(0, 15).mapToObj(k -> converging(k, r)).toList());
        long chart = started(iterwatch, chat, t, "converge=1e-6");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("Convergence:"), Iterwatch.TIMEOUT, "convergence shown");

        String caption = chat.caption(ADMIN, chart);
        Matcher m = Pattern.compile("r = ([0-9.]+) \u00b7 about (\\d+) iterations to").matcher(caption);
        assertThat(m.find()).as(caption).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("the rate").isCloseTo(r, within(0.05 * r));
        // |Δ_15| = (1 - r) · r^14 · max|sin(0.3 i)| over the grid; under the tolerance after log_r(tol / |Δ_15|)
        double last = (1 - r) * Math.pow(r, 14) * IntStream.range(0, GRID).mapToDouble(i -> Math.abs(Math.sin(i * 0.3))).max().orElseThrow();
        double left = Math.log(tolerance / last) / Math.log(r);
        assertThat((double) Long.parseLong(m.group(2))).as("iterations left").isCloseTo(left, within(0.1 * left + 1));
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("Convergence: |\u0394|").contains("converge=");

        kafka.produceAll(t, IntStream.rangeClosed(16, 40).mapToObj(k -> converging(k, r)).toList());
        chat.awaitMessages(ADMIN, 1, t, "converged");
        kafka.produceAll(t, IntStream.rangeClosed(41, 45).mapToObj(k -> converging(k, r)).toList());
        telegram.await(() -> chat.caption(ADMIN, chart).contains("iterations 0\u201345"), Iterwatch.TIMEOUT, "all read");
        // Nothing to wait for: several refresh periods in which a repeated alert would show.
        ChatView.letTimePass(Duration.ofSeconds(2));
        assertThat(chat.count(ADMIN, t, "converged")).as("one converged alert").isEqualTo(1);
    }

    @Test
    void aSolverWhoseChangeStopsFallingIsStagnatingOnce(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("stagnating");
        kafka.createTopic(t);
        started(iterwatch, chat, t, "converge=1e-9 stagnation=5");
        List<String> records = new ArrayList<>();
        for (int k = 0; k <= 30; k++) { // halves until iteration 8, then swings back and forth at one size
            records.add(grid(k, k <= 8 ? Math.pow(0.5, k) : Math.pow(0.5, 8) * (k % 2 == 0 ? 1 : -1)));
        }
        kafka.produceAll(t, records);

        chat.awaitMessages(ADMIN, 1, t, "is stagnating");
        ChatView.letTimePass(Duration.ofSeconds(2));
        assertThat(chat.count(ADMIN, t, "is stagnating")).isEqualTo(1);
        assertThat(chat.count(ADMIN, t, "converged")).isZero();
    }

    @Test
    void nanFromIteration40IsOneAlertAndMarkedOnTheStillDrawnChart(Iterwatch iterwatch, FakeTelegram telegram,
                                                                   KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("nan");
        kafka.createTopic(t);
        long chart = started(iterwatch, chat, t, "");
        List<String> records = new ArrayList<>();
        for (int k = 1; k <= 60; k++) { // from iteration 40 on the solver blows up: the last value is NaN
            records.add(k < 40 ? grid(k, 1) : grid(k, 1).replaceFirst(",[^,]*]}$", ",NaN]}"));
        }
        kafka.produceAll(t, records);

        chat.awaitMessages(ADMIN, 1, t, "non-finite values", "since iteration 40");
        chat.awaitChart(ADMIN, chart, t + " \u2014 " + String.format(Locale.ROOT, "%,d", 60 * GRID - 21) + " points");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("21 non-finite values"), Iterwatch.TIMEOUT,
                "non-finite values counted in the caption");
        byte[] png = chat.message(ADMIN, chart).photo().orElseThrow();
        assertThat(Pictures.count(Pictures.decode(png), Pictures.NON_FINITE)).as("NaN marked").isGreaterThan(50);
        assertThat(Pictures.count(Pictures.decode(png), Pictures.POINT_RED)).as("the chart still drawn").isGreaterThan(500);
        ChatView.letTimePass(Duration.ofSeconds(2));
        assertThat(chat.count(ADMIN, t, "non-finite values")).as("one alert for the episode").isEqualTo(1);
    }

    /** JavaScript, pandas and some C++ encoders write non-finite values as strings: the same values as bare NaN. */
    @Test
    void nonFiniteValuesWrittenAsStringsAreMarkedAndCountedLikeBareOnes(Iterwatch iterwatch, FakeTelegram telegram,
                                                                        KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("nanstrings");
        kafka.createTopic(t);
        long chart = started(iterwatch, chat, t, "");
        List<String> records = new ArrayList<>();
        for (int k = 1; k <= 20; k++) {
            records.add(k <= 10 ? grid(k, 1) : grid(k, 1).replaceFirst(",[^,]*]}$", ",\"NaN\"]}"));
        }
        records.add("{\"iteration\": 21, \"values\": [\"Infinity\", \"-Infinity\", 1.5]}");
        records.add("{\"iteration\": 22, \"values\": [\"nan\", 1.5]}"); // not one of the three: malformed
        kafka.produceAll(t, records);

        chat.awaitChart(ADMIN, chart, t + " \u2014 " + String.format(Locale.ROOT, "%,d", 20 * GRID - 10 + 1) + " points");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("12 non-finite values"), Iterwatch.TIMEOUT,
                "the string values counted as non-finite in the caption");
        byte[] png = chat.message(ADMIN, chart).photo().orElseThrow();
        assertThat(Pictures.count(Pictures.decode(png), Pictures.NON_FINITE)).as("marked").isGreaterThan(50);
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("Skipped records: 1")
                .contains("value 0 of the array is not a number");
    }

    @Test
    void aSteadySolverWithATotalGetsAnEtaWithinTenPercentAndFinishes(Iterwatch iterwatch, FakeTelegram telegram,
                                                                       KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("eta");
        int total = 60;
        long paceMillis = 400;
        kafka.createTopic(t);
        long chart = started(iterwatch, chat, t, "");
        int done = 20;
        long[] sentAt = new long[done + 1];
        for (int k = 1; k <= done; k++) { // the solver's steady pace is the point of this test
            sentAt[k] = System.currentTimeMillis(); // the producer stamps the record (CreateTime) as it sends it
            kafka.produce(t, null, grid(k, 1), Map.of("total", Integer.toString(total)));
            ChatView.letTimePass(Duration.ofMillis(paceMillis));
        }
        telegram.await(() -> chat.caption(ADMIN, chart).contains("iteration " + done + " of " + total), Iterwatch.TIMEOUT,
                "progress shown");

        // The pace the solver really kept (a loaded machine stretches every sleep and send), as its records carry it.
        double pace = IntStream.rangeClosed(2, done).mapToDouble(k -> (sentAt[k] - sentAt[k - 1]) / 1000.0).sorted()
                .toArray()[(done - 1) / 2];
        String caption = chat.caption(ADMIN, chart);
        Matcher m = Pattern.compile("iteration 20 of 60 \\(33 %\\) \u00b7 ETA (?:(\\d+) min )?(\\d+) s \\(([0-9.]+) s per iteration\\)")
                .matcher(caption);
        assertThat(m.find()).as(caption).isTrue();
        double eta = (m.group(1) == null ? 0 : 60 * Long.parseLong(m.group(1))) + Long.parseLong(m.group(2));
        double expected = (total - done) * pace;
        assertThat(eta).as("ETA in seconds, at %.3f s per iteration", pace).isCloseTo(expected, within(0.1 * expected));
        assertThat(Double.parseDouble(m.group(3))).isCloseTo(pace, within(0.1 * pace));
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("Progress: iteration 20 of 60 (33 %) \u00b7 ETA");

        kafka.produce(t, "{\"iteration\": 21, \"values\": [1, 2], \"final\": true}");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("finished after"), Iterwatch.TIMEOUT, "finished shown");
        assertThat(chat.caption(ADMIN, chart)).contains("finished");
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("State: FINISHED").containsPattern("finished after \\d+ s \\(iteration 21 of 60\\)");
    }

    @Test
    void aRestartKeepsThePreviousRunGreyBehindTheNewOne(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                        ChatView chat) {
        String t = KafkaBroker.uniqueTopic("previous");
        kafka.createTopic(t);
        for (int k = 1; k <= 20; k++) {
            kafka.produce(t, null, grid(k, 1.0 / k), Map.of("run", "run-1"));
        }
        long chart = started(iterwatch, chat, t, "");
        chat.awaitChart(ADMIN, chart, t + " \u2014 800 points");
        byte[] before = chat.message(ADMIN, chart).photo().orElseThrow();
        assertThat(Pictures.count(Pictures.decode(before), Pictures.PREVIOUS_RUN)).as("no previous run yet").isZero();

        kafka.deleteRecordsBefore(t, kafka.endOffset(t)); // the solver starts over: Kafka no longer has run 1
        for (int k = 1; k <= 3; k++) {
            kafka.produce(t, null, grid(k, 2.0 / k), Map.of("run", "run-2"));
        }

        chat.awaitChart(ADMIN, chart, t + " \u2014 120 points");
        telegram.await(() -> chat.caption(ADMIN, chart).contains("Previous run: 800 points"), Iterwatch.TIMEOUT,
                "the previous run in the caption");
        byte[] after = chat.message(ADMIN, chart).photo().orElseThrow();
        assertThat(Pictures.count(Pictures.decode(after), Pictures.PREVIOUS_RUN)).as("grey pixels of run 1")
                .isGreaterThan(500);
        assertThat(Pictures.count(Pictures.decode(after), Pictures.POINT_RED)).as("run 2 drawn over it").isGreaterThan(100);
    }

    /** Issue 12, point 5: the view row under the chart switches what this chat's message shows, and is kept. */
    @Test
    void theViewButtonsSwitchWhatThisChartMessageShows(Iterwatch iterwatch, FakeTelegram telegram, KafkaBroker kafka,
                                                       ChatView chat) {
        String t = KafkaBroker.uniqueTopic("views");
        kafka.createTopic(t);
        kafka.produceAll(t, IntStream.rangeClosed(0, 12).mapToObj(k -> converging(k, 0.5)).toList());
        long chart = started(iterwatch, chat, t, "converge=1e-6");
        chat.awaitChart(ADMIN, chart, t + " \u2014 520 points");
        telegram.await(() -> chat.message(ADMIN, chart).buttonTexts().contains("\u0394"), Iterwatch.TIMEOUT,
                "the \u0394 button (converge is on)");
        List<String> data = chat.message(ADMIN, chart).callbackData();
        String id = data.get(0).substring(data.get(0).indexOf(':') + 1);   // "stop:7" while it runs

        assertThat(chat.press(ADMIN, ADMIN, chart, "view:" + id + ":latest")).isEmpty();
        chat.awaitChart(ADMIN, chart, t + " \u00b7 iteration 12 \u2014 40 points");
        assertThat(chat.message(ADMIN, chart).buttonTexts()).contains("\u2022 Latest", "All");
        byte[] latest = chat.message(ADMIN, chart).photo().orElseThrow();
        assertThat(Pictures.count(Pictures.decode(latest), Pictures.POINT_RED)).as("the newest iteration's points")
                .isGreaterThan(40);

        chat.press(ADMIN, ADMIN, chart, "view:" + id + ":delta");
        chat.awaitChart(ADMIN, chart, t + " \u2014 |\u0394| per iteration");

        chat.press(ADMIN, ADMIN, chart, "view:" + id + ":all");
        chat.press(ADMIN, ADMIN, chart, "view:" + id + ":log");
        telegram.await(() -> chat.message(ADMIN, chart).buttonTexts().contains("\u2022 log y"), Iterwatch.TIMEOUT,
                "log y marked");
        chat.awaitChart(ADMIN, chart, t + " \u2014 520 points");

        assertThat(chat.press(ADMIN, ADMIN, chart, "view:999999:all")).contains("This button no longer works.");
        // the choice is stored with the message: more data keep the view
        kafka.produce(t, converging(13, 0.5));
        chat.awaitChart(ADMIN, chart, t + " \u2014 560 points");
        assertThat(chat.message(ADMIN, chart).buttonTexts()).contains("\u2022 All", "\u2022 log y");
    }

    /** Issue 12, point 6: 3 000 crowded points are red points with a blue line over them, not a red sausage. */
    @Test
    void aDenseChartShowsItsBlueLineOverTheRedPoints(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("dense");
        kafka.createTopic(t);
        java.util.Random random = new java.util.Random(3);
        kafka.produceAll(t, IntStream.rangeClosed(1, 3).mapToObj(k -> "{\"iteration\": " + k + ", \"values\": ["
                + IntStream.range(0, 1000).mapToObj(i -> String.format(Locale.ROOT, "%.6f",
                        Math.exp(-((k - 1) * 1000 + i) / 1000.0) + 0.05 * random.nextGaussian()))
                .collect(Collectors.joining(",")) + "]}").toList());
        long chart = started(iterwatch, chat, t, "");
        chat.awaitChart(ADMIN, chart, t + " \u2014 3,000 points");

        java.awt.image.BufferedImage image = Pictures.decode(chat.message(ADMIN, chart).photo().orElseThrow());
        int both = 0;
        int columns = 0;
        for (int x = 200; x < 1100; x += 10) { // across the plot, where the points are
            boolean red = false;
            boolean blue = false;
            for (int y = 80; y < 620; y++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                red |= rgb == (Pictures.POINT_RED.getRGB() & 0xFFFFFF);
                blue |= rgb == (Pictures.LINE_BLUE.getRGB() & 0xFFFFFF);
            }
            columns++;
            both += red && blue ? 1 : 0;
        }
        assertThat(both).as("columns showing both red points and the blue line").isGreaterThan(columns * 8 / 10);
    }

    @Test
    void valuesBeyondTheLimitAreOneDivergingAlert(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("diverging");
        kafka.createTopic(t);
        started(iterwatch, chat, t, "limit=1e3");
        // the solver grows tenfold per iteration: past 1e3 from iteration 4 on (0.5·10^k)
        kafka.produceAll(t, IntStream.rangeClosed(1, 12).mapToObj(k -> grid(k, Math.pow(10, k) / 2)).toList());

        chat.awaitMessages(ADMIN, 1, t, "is diverging", "since iteration 4");
        ChatView.letTimePass(Duration.ofSeconds(2));
        assertThat(chat.count(ADMIN, t, "is diverging")).isEqualTo(1);
        assertThat(iterwatch.ask(ADMIN, "/status " + t)).contains("limit=1000");
    }

    /** The pinned chart of a monitor of {@code t} added with these options and started. */
    private static long started(Iterwatch iterwatch, ChatView chat, String t, String options) {
        assertThat(iterwatch.ask(ADMIN, ("/add " + t + " " + options).strip())).contains("Added");
        iterwatch.ask(ADMIN, "/start " + t);
        return chat.pinnedChart(ADMIN, t);
    }
}
