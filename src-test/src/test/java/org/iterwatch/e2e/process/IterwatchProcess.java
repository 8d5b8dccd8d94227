package org.iterwatch.e2e.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real iterwatch process ({@code org.iterwatch.bot.Main}, wired exactly as in production)
 * in a child JVM, so a test can kill it like {@code kill -9} and start another on the same data.
 */
public final class IterwatchProcess implements AutoCloseable {
    public static final String READY = "iterwatch is running as @";
    /** Environment variables that carry secrets; whatever they hold must never show in the output. */
    private static final List<String> SECRET_VARIABLES = List.of("TELEGRAM_BOT_TOKEN", "ITERWATCH_API_TOKENS",
            "ITERWATCH_API_TOKEN", "ITERWATCH_DATABASE_PASSWORD");
    /** Shorter values could turn up by chance; real tokens are longer (bot tokens ~46, API tokens at least 16). */
    private static final int SHORTEST_SECRET = 8;
    /**
     * JVM flags for short test runs, not for production: the client compiler only and the serial collector
     * halve the CPU a start costs (about 4 s to 2 s), which on a loaded 2-core machine is most of a test's time.
     */
    private static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private final Process process;
    private final Path output;
    private final Path errors;
    private final List<String> secrets;

    private IterwatchProcess(Process process, Path output, Path errors, List<String> secrets) {
        this.process = process;
        this.output = output;
        this.errors = errors;
        this.secrets = secrets;
    }

    /** Starts iterwatch with these environment variables and waits until it says it is running. */
    public static IterwatchProcess start(Map<String, String> environment, Path output) {
        return start(environment, output, TEST_JVM);
    }

    /** As {@link #start(Map, Path)}, with JVM flags of the caller's choice (a benchmark runs production flags). */
    public static IterwatchProcess start(Map<String, String> environment, Path output, List<String> jvmFlags) {
        IterwatchProcess p = launch(environment, List.of(), output, null, jvmFlags);
        p.awaitOutput(READY, Duration.ofSeconds(90));
        return p;
    }

    /** Starts iterwatch without waiting, for runs that are meant to fail. */
    public static IterwatchProcess launch(Map<String, String> environment, List<String> args, Path output) {
        return launch(environment, args, output, null);
    }

    /**
     * Starts iterwatch with its stderr in a file of its own ({@code errors}), or merged into
     * {@code output} when null; {@link #output()} reads {@code output} only.
     */
    public static IterwatchProcess launch(Map<String, String> environment, List<String> args, Path output, Path errors) {
        return launch(environment, args, output, errors, TEST_JVM);
    }

    private static IterwatchProcess launch(Map<String, String> environment, List<String> args, Path output, Path errors,
                                           List<String> jvmFlags) {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", productionClasspath(),
                "org.iterwatch.bot.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(errors.toFile());
        }
        // A clean environment: only what the test gives, plus what a JVM needs to run.
        Map<String, String> env = builder.environment();
        Map<String, String> keep = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            if (env.containsKey(name)) {
                keep.put(name, env.get(name));
            }
        }
        env.clear();
        env.putAll(keep);
        env.putAll(environment);
        try {
            return new IterwatchProcess(builder.start(), output, errors, secrets(environment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each token the run was given, and the secret half of a bot token (after its colon) on its own too. */
    private static List<String> secrets(Map<String, String> environment) {
        List<String> out = new java.util.ArrayList<>();
        for (String variable : SECRET_VARIABLES) {
            for (String value : environment.getOrDefault(variable, "").split("[,\\s]+")) {
                out.add(value);
                out.add(value.substring(value.indexOf(':') + 1));
            }
        }
        return out.stream().filter(v -> v.length() >= SHORTEST_SECRET).distinct().toList();
    }

    /**
     * Fails when any token this run was given shows in what it printed (a URL {@code bot<token>/...}
     * included). Called whenever a run ends, so every test that starts iterwatch checks it.
     */
    public void assertNoSecretsInOutput() {
        String printed = output() + (errors == null ? "" : read(errors));
        for (String secret : secrets) {
            if (printed.contains(secret)) {
                int at = printed.indexOf(secret);
                String line = printed.substring(Math.max(0, printed.lastIndexOf('\n', at) + 1), at).strip();
                throw new AssertionError("iterwatch printed a token (" + secret.length() + " characters, masked here) "
                        + "after: '" + line + "' in " + output);
            }
        }
    }

    /** The test JVM's classpath without test classes, so the child logs with production logback.xml. */
    private static String productionClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String output() {
        return read(output);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("iterwatch exited with " + process.exitValue() + " before printing '" + text
                        + "':\n" + output());
            }
            pause();
        }
        throw new AssertionError("iterwatch did not print '" + text + "' within " + timeout + ":\n" + output());
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("iterwatch still runs after " + timeout + ":\n" + output());
            }
            assertNoSecretsInOutput();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGSTOP: the process is frozen as by a long GC pause or a suspended VM, until {@link #thaw()}. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a paused process runs on, its clocks having moved on meanwhile. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no cleanup, as a crash or {@code kill -9}. */
    /** The operating system's process id, e.g. to read its CPU time from /proc. */
    public long pid() {
        return process.pid();
    }

    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the orderly shutdown path. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        } else {
            assertNoSecretsInOutput();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
