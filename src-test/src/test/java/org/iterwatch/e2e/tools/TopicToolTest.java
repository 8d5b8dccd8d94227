package org.iterwatch.e2e.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.Iterwatch.ToolRun;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: on the embedded broker, as a newcomer has it, the README's kcat example works without creating the
 * topic first, /add still refuses a topic nobody wrote to, and {@code iterwatch topic} creates, lists, clears (a
 * restart of the calculation, seen by the monitor) and deletes topics, all as the README writes them.
 */
class TopicToolTest {
    static final long ADMIN = 1301;
    static final String TOPIC = "airy.x0.6";
    static final Duration TOOL = Duration.ofSeconds(60);

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).embeddedKafka()
            .configure(IterwatchExtension.QUICK_CHATS);

    @Test
    void theReadmesKcatExampleCreatesTheTopicWhileAddRefusesAMissingOne(Iterwatch iterwatch, ChatView chat) {
        assertThat(iterwatch.ask(ADMIN, "/add " + TOPIC)).contains("does not exist");
        assertThat(topic(iterwatch, "list").out()).as("neither /add nor anything else of iterwatch created it")
                .doesNotContain(TOPIC);

        String example = ReadmeExamples.lines("kcat -b 127.0.0.1:9092 -t " + TOPIC + " -P").get(0);
        shell(example.replace("127.0.0.1:9092", iterwatch.embeddedKafka()));

        assertThat(iterwatch.ask(ADMIN, "/add " + TOPIC)).contains("Added");
        iterwatch.ask(ADMIN, "/start " + TOPIC);
        chat.awaitChart(ADMIN, chat.pinnedChart(ADMIN, TOPIC), TOPIC + " \u2014 4 points");
        assertThat(topic(iterwatch, "list").out()).containsPattern(TOPIC + " +1 record\\n");
    }

    @Test
    void theTopicToolCreatesListsClearsAndDeletesAsTheReadmeShows(Iterwatch iterwatch, ChatView chat) {
        List<String> examples = ReadmeExamples.lines("iterwatch topic ").stream().map(ReadmeExamples::command).toList();
        assertThat(examples).containsExactly("iterwatch topic create " + TOPIC, "iterwatch topic list",
                "iterwatch topic clear " + TOPIC, "iterwatch topic delete " + TOPIC);

        assertThat(run(iterwatch, examples.get(0))).isEqualTo("created " + TOPIC);
        ToolRun again = tool(iterwatch, examples.get(0));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("topic " + TOPIC + " exists already");
        assertThat(run(iterwatch, examples.get(1))).containsPattern("(?m)^" + TOPIC + " +0 records$")
                .containsPattern("(?m)^iterwatch.events +0 records$");

        assertThat(iterwatch.ask(ADMIN, "/add " + TOPIC)).contains("Added");
        iterwatch.ask(ADMIN, "/start " + TOPIC);
        long chart = chat.pinnedChart(ADMIN, TOPIC);
        produce(iterwatch, "{\"iteration\": 1, \"values\": [0.0, 0.12, 0.25, 0.31]}");
        produce(iterwatch, "{\"iteration\": 2, \"values\": [0.1, 0.2, 0.3, 0.4]}");
        chat.awaitChart(ADMIN, chart, TOPIC + " \u2014 8 points");

        assertThat(run(iterwatch, examples.get(2))).isEqualTo("cleared " + TOPIC + ": 2 records deleted");
        produce(iterwatch, "{\"iteration\": 1, \"values\": [0.5, 0.6, 0.7]}");
        chat.awaitChart(ADMIN, chart, TOPIC + " \u2014 3 points");
        chat.awaitMessages(ADMIN, 1, TOPIC, "restarted");
        assertThat(run(iterwatch, examples.get(1))).containsPattern("(?m)^" + TOPIC + " +1 record$");

        assertThat(run(iterwatch, examples.get(3))).isEqualTo("deleted " + TOPIC);
        assertThat(run(iterwatch, examples.get(1))).doesNotContain(TOPIC).contains("iterwatch.events");
        ToolRun gone = tool(iterwatch, examples.get(3));
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no topic " + TOPIC);
    }

    @Test
    void badNamesAndAMissingBrokerAreToldPlainly(Iterwatch iterwatch) {
        ToolRun bad = topic(iterwatch, "create", "no spaces allowed");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("'no spaces allowed' contains one or more characters other than");

        iterwatch.stop();
        ToolRun down = topic(iterwatch, "list");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("no Kafka broker answers at 127.0.0.1:").contains("start iterwatch first");
    }

    private static ToolRun topic(Iterwatch iterwatch, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "topic";
        System.arraycopy(args, 0, all, 1, args.length);
        return iterwatch.runTool(TOOL, all);
    }

    private static ToolRun tool(Iterwatch iterwatch, String commandLine) {
        assertThat(commandLine).startsWith("iterwatch ");
        return iterwatch.runTool(TOOL, commandLine.substring("iterwatch ".length()).split(" "));
    }

    /** Runs the example; returns what it printed, after checking that it succeeded. */
    private static final boolean KCAT_INSTALLED = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/kcat"))
            || java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/local/bin/kcat"));

    private static String run(Iterwatch iterwatch, String commandLine) {
        ToolRun r = tool(iterwatch, commandLine);
        assertThat(r.exitCode()).as(commandLine + " failed: " + r.err()).isZero();
        return r.out().strip();
    }

    private static void produce(Iterwatch iterwatch, String json) {
        shell("kcat -b " + iterwatch.embeddedKafka() + " -t " + TOPIC + " -P <<< '" + json + "'");
    }

    private static void shell(String command) {
        assumeTrue(KCAT_INSTALLED, "kcat is not installed (apt-get install kcat): the README's kcat examples cannot run");
        try {
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " ended").isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).as("kcat must be installed (apt-get install kcat)").doesNotContain("kcat: command not found");
            assertThat(p.exitValue()).as(command + " printed: " + output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
