package org.iterwatch.bot.exec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.iterwatch.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code iterwatch exec}: runs a solver as it is, passing stdin, stdout, stderr and the exit status
 * through, and tells iterwatch when it started, that it still runs, and how it ended (contract 2).
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a solver and post started/heartbeat/stopped/failed events to iterwatch.%n"
                + "Example: iterwatch exec --solver airy-x0.6 --heartbeat 60s -- wolframscript -file solve.wls")
public final class ExecCommand implements java.util.concurrent.Callable<Integer> {
    static final String DEFAULT_URL = "http://127.0.0.1:8088";
    /** Lines of stderr kept for the failure alert. */
    private static final int TAIL_LINES = 40;
    /** How long the wrapper may outlive the solver to report its end; then it exits regardless. */
    private static final Duration FINAL_EVENT_BUDGET = Duration.ofSeconds(10);
    /** Tries for the final event: with backoff 0.5, 1, 2 s a refused connection costs about 4 s. */
    private static final int FINAL_EVENT_ATTEMPTS = 4;
    private static final Duration STDERR_DRAIN = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** The shell's status for a command that cannot be run. */
    private static final int CANNOT_RUN = 127;

    @Spec
    private CommandSpec spec;

    @Option(names = "--solver", required = true, paramLabel = "NAME", description = "the solver's name in alerts and /subscribe")
    private String solver;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "the Kafka topic the solver writes: its alerts "
            + "then name it and link its chart, and its end is no stall")
    private String topic;

    @Option(names = "--heartbeat", paramLabel = "PERIOD", description = "post a heartbeat this often, e.g. 30s; "
            + "iterwatch raises 'suspected failure' when they stop")
    private String heartbeat;

    @Option(names = "--url", paramLabel = "URL[,URL...]", description = "iterwatch's HTTP address, or the addresses of "
            + "instances sharing one database, tried in turn (default: $ITERWATCH_URL or " + DEFAULT_URL + ")")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: $ITERWATCH_API_TOKEN; "
            + "prefer the variable, arguments are visible to other users in ps)")
    private String token;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the solver's command line, after --")
    private List<String> command;

    private final PrintStream diagnostics = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    @Override
    public Integer call() {
        List<URI> addresses = baseUrls();
        Integer heartbeatSeconds = heartbeatSeconds();
        EventPoster poster = new EventPoster(addresses, token != null ? token : System.getenv("ITERWATCH_API_TOKEN"), diagnostics);
        String host = hostName();
        long startedNanos = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            diagnostics.println("iterwatch exec: cannot run " + summary() + ": " + e.getMessage());
            Map<String, Object> failed = event("failed", "could not start " + summary() + ": " + e.getMessage(), host);
            failed.put("exitCode", CANNOT_RUN);
            awaitQuietly(poster.post(failed, FINAL_EVENT_ATTEMPTS, deadline(FINAL_EVENT_BUDGET)), FINAL_EVENT_BUDGET);
            return CANNOT_RUN;
        }
        StderrTail stderr = new StderrTail(process.getErrorStream(), new FileOutputStream(FileDescriptor.err), TAIL_LINES);
        stderr.start();
        CountDownLatch reported = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopSolver(process, reported), "stop-solver"));

        Map<String, Object> started = event("started", "pid " + process.pid() + ": " + summary(), host);
        if (heartbeatSeconds != null) {
            started.put("heartbeatSeconds", heartbeatSeconds);
        }
        poster.post(started, 3, deadline(FINAL_EVENT_BUDGET));
        ScheduledExecutorService beats = heartbeats(poster, heartbeatSeconds, host);

        ExitStatus status = new ExitStatus(waitFor(process));
        beats.shutdownNow();
        long deadline = deadline(FINAL_EVENT_BUDGET);
        Map<String, Object> end = event(status.success() ? "stopped" : "failed",
                status.describe() + ": " + summary(), host);
        end.put("exitCode", status.code());
        end.put("durationSeconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
        if (!status.success()) {
            end.put("details", stderr.await(STDERR_DRAIN.toMillis()));
        }
        awaitQuietly(poster.post(end, FINAL_EVENT_ATTEMPTS, deadline), Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))
                .plusSeconds(1));
        reported.countDown();
        return status.code();
    }

    private ScheduledExecutorService heartbeats(EventPoster poster, Integer seconds, String host) {
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        if (seconds != null) {
            // A beat that cannot go out before the next one is due is dropped, so an outage never piles them up.
            beats.scheduleAtFixedRate(() -> {
                Map<String, Object> beat = event("heartbeat", null, host);
                beat.put("heartbeatSeconds", seconds);
                poster.post(beat, 2, deadline(Duration.ofSeconds(seconds)));
            }, seconds, seconds, TimeUnit.SECONDS);
        }
        return beats;
    }

    /** On SIGTERM/SIGINT of the wrapper: the solver gets SIGTERM too, then we let the main thread report its end. */
    private static void stopSolver(Process process, CountDownLatch reported) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
            reported.await(FINAL_EVENT_BUDGET.plus(STDERR_DRAIN).plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> event(String kind, String message, String host) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("solver", solver);
        event.put("event", kind);
        if (topic != null) {
            event.put("topic", topic);
        }
        if (message != null) {
            event.put("message", message);
        }
        event.put("host", host);
        return event;
    }

    /** One address, or several separated by commas (instances sharing a database), tried in that order. */
    private List<URI> baseUrls() {
        String text = url != null ? url : System.getenv().getOrDefault("ITERWATCH_URL", DEFAULT_URL);
        List<URI> out = new ArrayList<>();
        for (String one : text.split(",", -1)) {
            out.add(baseUrl(one.strip()));
        }
        return List.copyOf(out);
    }

    private URI baseUrl(String text) {
        try {
            URI uri = URI.create(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: '" + shorten(text) + "' is not an http(s) URL, e.g. "
                    + DEFAULT_URL + " or, for two instances, http://a:8088,http://b:8088");
        }
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private Integer heartbeatSeconds() {
        if (heartbeat == null) {
            return null;
        }
        try {
            long seconds = Durations.parse(heartbeat).toSeconds();
            if (seconds < 1 || seconds > 86_400) {
                throw new IllegalArgumentException("'" + heartbeat + "' must be from 1s to 1d");
            }
            return (int) seconds;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--heartbeat: " + e.getMessage());
        }
    }

    private String summary() {
        String line = command.stream().map(a -> a.isEmpty() || a.matches(".*\\s.*") ? "'" + a + "'" : a)
                .collect(Collectors.joining(" "));
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static int waitFor(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // the solver decides when we are done; only its end counts
            }
        }
    }

    private static long deadline(Duration budget) {
        return System.nanoTime() + budget.toNanos();
    }

    private static void awaitQuietly(CompletableFuture<Boolean> sent, Duration timeout) {
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // iterwatch did not take it in time; the solver's exit status matters more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
