package org.iterwatch.bot.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pieces of {@code iterwatch exec} a failure alert is made of. */
class ExecPartsTest {
    @Test
    void stderrPassesThroughWhole() {
        String text = IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\nno newline";
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        StderrTail tail = new StderrTail(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ours, 40);
        tail.start();

        String kept = tail.await(5000);

        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(kept.lines().toList()).hasSize(41).startsWith("line 61").endsWith("line 100", "no newline");
    }

    @Test
    void aVeryLongLineIsCutSoTheTailStaysSmall() {
        String text = "\u00e9".repeat(100_000) + "\nlast\n";
        StderrTail tail = new StderrTail(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), 40);
        tail.start();

        String kept = tail.await(5000);

        assertThat(kept).hasSizeLessThan(2100).endsWith("\nlast\n");
    }

    @Test
    void exitStatusNamesSignalsLikeAShell() {
        assertThat(new ExitStatus(0).success()).isTrue();
        assertThat(new ExitStatus(3).describe()).isEqualTo("exited with code 3");
        assertThat(new ExitStatus(137).describe()).isEqualTo("killed by SIGKILL (exit status 137)");
        assertThat(new ExitStatus(143).signal()).contains("SIGTERM");
        assertThat(new ExitStatus(128).signal()).isEmpty();
        assertThat(new ExitStatus(255).signal()).isEmpty();
    }

    /**
     * Two instances, the first answering 503 (it cannot store events now): every event reaches the second, in
     * order, and once the second answered the first is not asked again.
     */
    @Test
    void aServerErrorMovesTheEventToTheNextAddressWhichIsThenKept() throws Exception {
        List<String> atFirst = new CopyOnWriteArrayList<>();
        List<String> atSecond = new CopyOnWriteArrayList<>();
        HttpServer first = server(503, atFirst);
        HttpServer second = server(202, atSecond);
        try {
            EventPoster poster = new EventPoster(List.of(address(first), address(second)), "token-for-the-test",
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            List<CompletableFuture<Boolean>> sent = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                sent.add(poster.post(Map.of("solver", "s", "event", "heartbeat", "message", "beat " + i), 2, deadline));
            }
            for (CompletableFuture<Boolean> s : sent) {
                assertThat(s.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            first.stop(0);
            second.stop(0);
        }
        assertThat(atSecond).hasSize(3);
        assertThat(atSecond.get(0)).contains("beat 1");
        assertThat(atSecond.get(1)).contains("beat 2");
        assertThat(atSecond.get(2)).contains("beat 3");
        assertThat(atFirst).hasSize(1);
    }

    /** A stand-in for an iterwatch instance's events API: answers every request with {@code status}. */
    private static HttpServer server(int status, List<String> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/events", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI address(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
