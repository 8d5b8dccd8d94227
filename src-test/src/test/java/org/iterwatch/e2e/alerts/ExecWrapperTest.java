package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.process.IterwatchProcess;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: {@code iterwatch exec} runs any solver as it is and tells the solver's followers how it
 * started and ended. One iterwatch serves all tests; each test wraps a solver of its own name.
 */
class ExecWrapperTest {
    static final long FOLLOWER = 4001;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(FOLLOWER).perClass();
    /** The wrappers' own output. */
    @TempDir
    static Path dir;
    static int runs;

    @BeforeAll
    static void followEverySolver(Iterwatch iterwatch) {
        assertThat(iterwatch.ask(FOLLOWER, "/subscribe all")).contains("Subscribed");
    }

    @Test
    void aFailingSolverRaisesStartedThenFailedWithItsExitCodeAndStderrTail(Iterwatch iterwatch, FakeTelegram telegram,
                                                                           ChatView chat) {
        Wrapped run = exec(iterwatch.apiUrl(), "--solver", "exit-three", "--",
                "sh", "-c", "echo solver-output; echo first-complaint >&2; echo oops-on-stderr >&2; exit 3");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).isEqualTo("solver-output\n");
        assertThat(run.stderr()).contains("first-complaint\noops-on-stderr\n");
        List<String> alerts = awaitAlerts(telegram, chat, "exit-three", 2);
        assertThat(alerts.get(0)).contains("<b>exit-three</b> started").contains("Host: ");
        assertThat(alerts.get(1)).contains("<b>exit-three</b> failed \u2014 exit code 3").contains("exited with code 3")
                .contains("Duration: ").contains("<pre>first-complaint\noops-on-stderr</pre>");
    }

    @Test
    void aSolverKilledBySigkillIsReportedAsFailedNamingTheSignal(Iterwatch iterwatch, FakeTelegram telegram,
                                                                 ChatView chat) {
        Wrapped run = exec(iterwatch.apiUrl(), "--solver", "self-killer", "--", "sh", "-c", "kill -9 $$");

        assertThat(run.exitCode()).isEqualTo(137);
        List<String> alerts = awaitAlerts(telegram, chat, "self-killer", 2);
        assertThat(alerts.get(0)).contains("started");
        assertThat(alerts.get(1)).contains("failed \u2014 exit code 137").contains("killed by SIGKILL");
    }

    @Test
    void aCleanExitIsReportedAsStoppedAndHeartbeatsKeepTheSolverFromLookingSilent(Iterwatch iterwatch,
                                                                                  FakeTelegram telegram, ChatView chat) {
        // iterwatch suspects a failure after 3 silent periods: 5 s without heartbeats would raise one.
        Wrapped run = exec(iterwatch.apiUrl(), "--solver", "clean-exit", "--heartbeat", "1s", "--",
                "sh", "-c", "sleep 5; echo converged");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("converged\n");
        telegram.await(() -> alerts(chat, "clean-exit").stream().anyMatch(a -> a.contains("stopped")), TIMEOUT, "stopped");
        List<String> alerts = alerts(chat, "clean-exit");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).contains("<b>clean-exit</b> started");
        assertThat(alerts.get(1)).contains("<b>clean-exit</b> stopped \u2014 exit code 0");
    }

    @Test
    void stoppingTheWrapperStopsTheSolverAndReportsIt(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat) {
        Path out = dir.resolve("term.out");
        Path err = dir.resolve("term.err");
        try (IterwatchProcess wrapper = IterwatchProcess.launch(environment(iterwatch.apiUrl()),
                List.of("exec", "--solver", "terminated", "--", "sh", "-c", "echo running; exec sleep 120"), out, err)) {
            wrapper.awaitOutput("running", TIMEOUT);
            awaitAlerts(telegram, chat, "terminated", 1);

            assertThat(wrapper.stop()).isEqualTo(143);
        }
        List<String> alerts = awaitAlerts(telegram, chat, "terminated", 2);
        assertThat(alerts.get(1)).contains("failed \u2014 exit code 143").contains("killed by SIGTERM");
    }

    @Test
    void withIterwatchDownTheSolverStillRunsAndItsExitCodePassesPromptly() {
        long started = System.nanoTime();
        Wrapped run = exec("http://127.0.0.1:" + closedPort(), "--solver", "lonely", "--heartbeat", "1s", "--",
                "sh", "-c", "echo still-computing; sleep 1; echo done; exit 5");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.stdout()).isEqualTo("still-computing\ndone\n");
        assertThat(run.stderr()).contains("not reachable");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void withTheFirstOfTwoAddressesDownEveryEventReachesTheSecondInOrder(Iterwatch iterwatch, FakeTelegram telegram,
                                                                         ChatView chat) {
        String down = "http://127.0.0.1:" + closedPort();
        Wrapped run = exec(down + "," + iterwatch.apiUrl(), "--solver", "two-addresses", "--heartbeat", "1s", "--",
                "sh", "-c", "sleep 4; exit 2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("is not reachable").contains("trying the next address");
        List<String> alerts = awaitAlerts(telegram, chat, "two-addresses", 2);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).contains("<b>two-addresses</b> started");
        assertThat(alerts.get(1)).contains("<b>two-addresses</b> failed \u2014 exit code 2");
        // Heartbeats every second reached iterwatch too: 3 silent periods would have raised a suspicion.
        assertThat(chat.botMessagesWith(FOLLOWER, "two-addresses", "suspected")).isEmpty();
    }

    /**
     * An instance that accepts connections and never answers (a frozen VM, a SIGSTOPped process) costs the first
     * event one request timeout (3 s); the wrapper then stays with the address that answered, so the later events
     * pay nothing: had each heartbeat waited for the frozen one first, the final event would queue behind them.
     */
    @Test
    void aFrozenFirstAddressCostsOneTimeoutNotOnePerEvent(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat)
            throws IOException {
        try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            Wrapped run = exec("http://127.0.0.1:" + frozen.getLocalPort() + "," + iterwatch.apiUrl(),
                    "--solver", "frozen-first", "--heartbeat", "1s", "--", "sh", "-c", "sleep 6; exit 0");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(run.exitCode()).isZero();
            List<String> alerts = awaitAlerts(telegram, chat, "frozen-first", 2);
            assertThat(alerts).hasSize(2);
            assertThat(alerts.get(0)).contains("<b>frozen-first</b> started");
            assertThat(alerts.get(1)).contains("<b>frozen-first</b> stopped");
            // 6 s of solver and a JVM start; five heartbeats each waiting 3 s first would add 15 s.
            assertThat(took).isLessThan(Duration.ofSeconds(16));
        }
    }

    record Wrapped(int exitCode, String stdout, String stderr) {
    }

    /** Runs the real wrapper ({@code iterwatch exec ...}) in a child JVM until it exits. */
    private static Wrapped exec(String url, String... args) {
        int run = ++runs;
        Path out = dir.resolve("exec-" + run + ".out");
        Path err = dir.resolve("exec-" + run + ".err");
        List<String> command = new ArrayList<>(List.of("exec"));
        command.addAll(List.of(args));
        try (IterwatchProcess wrapper = IterwatchProcess.launch(environment(url), command, out, err)) {
            int code = wrapper.awaitExit(Duration.ofSeconds(60));
            Wrapped wrapped = new Wrapped(code, read(out), read(err));
            assertThat(wrapped.stdout() + wrapped.stderr()).doesNotContain(Iterwatch.API_TOKEN);
            return wrapped;
        }
    }

    private static Map<String, String> environment(String url) {
        return Map.of("ITERWATCH_URL", url, "ITERWATCH_API_TOKEN", Iterwatch.API_TOKEN);
    }

    /** The alerts about this solver in the follower's chat, in order, once there are at least {@code count}. */
    private static List<String> awaitAlerts(FakeTelegram telegram, ChatView chat, String solver, int count) {
        telegram.await(() -> alerts(chat, solver).size() >= count, TIMEOUT, count + " alerts about " + solver);
        return alerts(chat, solver);
    }

    private static List<String> alerts(ChatView chat, String solver) {
        return chat.botMessagesWith(FOLLOWER, "<b>" + solver + "</b>").stream().map(ChatMessage::text).toList();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
