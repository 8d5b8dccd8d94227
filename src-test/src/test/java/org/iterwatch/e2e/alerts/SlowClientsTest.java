package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, finding 1: slow uploads (a big Content-Length, then a byte now and then) used to hold all 16
 * HTTP threads, so 13 of them froze the events API, /healthz and /metrics. Now the token is checked before
 * the body, bodies are read without a thread, too slow ones are cut, and one address gets a bounded
 * number of connections and of requests a second. The attackers connect from other loopback addresses than
 * the solver (127.0.0.1).
 */
class SlowClientsTest {
    static final long ADMIN = 9301;
    static final int SLOW_UPLOADS = 500;
    /** Slow uploads per attacking address: below the per-address limit, so they all get in. */
    static final int PER_ADDRESS = 10;
    /** The default of http.maxConnectionsPerAddress. */
    static final int ADDRESS_LIMIT = 20;
    /** The default of http.requestsPerAddressPerSecond, also the burst. */
    static final int REQUESTS_PER_ADDRESS = 200;
    static final Duration PROMPTLY = Duration.ofSeconds(1);
    static final String WRONG_TOKEN = "wrong-token-0123456789";

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).configure("""
            api:
              eventsPerSecond: 1000
            """);

    final List<RawConnection> connections = new CopyOnWriteArrayList<>();
    final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    EventsApi api;

    @BeforeEach
    void adminFollowsEverySolver(Iterwatch iterwatch) {
        api = new EventsApi(iterwatch.apiUrl());
        assertThat(iterwatch.ask(ADMIN, "/subscribe all")).contains("Subscribed");
        assertThat(api.get("/healthz").status()).as("the client is warm").isEqualTo(200);
    }

    /** Runs before the extension closes the installation. */
    @AfterEach
    void closeConnections() {
        trickle.shutdownNow();
        connections.forEach(RawConnection::close);
    }

    @Test
    void fiveHundredSlowUploadsDelayNeitherAnEventNorHealthNorMetrics(Iterwatch iterwatch, FakeTelegram telegram,
                                                                       ChatView chat) {
        // A third without a token, a third with a wrong one, a third with a valid one (not the solver's own:
        // the rate limit is per token, and raised here so that all of them get to their body).
        String[] tokens = {null, WRONG_TOKEN, Iterwatch.OTHER_API_TOKEN};
        for (int i = 0; i < SLOW_UPLOADS; i++) {
            RawConnection upload = new RawConnection(attacker(i / PER_ADDRESS), iterwatch.httpPort());
            upload.send(RawConnection.eventsHead(tokens[i % 3], 60_000) + "{");
            connections.add(upload);
        }
        RawConnection stalled = new RawConnection("127.0.0.1", iterwatch.httpPort());
        stalled.send(RawConnection.eventsHead(Iterwatch.OTHER_API_TOKEN, 60_000) + "{");
        AtomicInteger rounds = new AtomicInteger();
        trickle.scheduleAtFixedRate(() -> {
            connections.forEach(c -> c.sendUnlessAnswered(" "));
            rounds.incrementAndGet();
        }, 2, 2, TimeUnit.SECONDS);

        promptlyServed(telegram, chat, "at-once");
        telegram.await(() -> rounds.get() >= 1, TIMEOUT, "one more byte from each slow upload");
        promptlyServed(telegram, chat, "while-trickling");
        unhurriedButFastEnoughIsServed(iterwatch, telegram, chat);

        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int cut = 0;
        for (int i = 0; i < SLOW_UPLOADS; i++) {
            int status = connections.get(i).status(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (tokens[i % 3] == null || tokens[i % 3].equals(WRONG_TOKEN)) {
                assertThat(status).as("upload %d without a valid token: refused before its body", i).isEqualTo(401);
            } else {
                assertThat(status).as("slow upload %d with a valid token: cut for sending too slowly", i).isEqualTo(408);
                cut++;
            }
        }
        assertThat(stalled.status(TIMEOUT)).as("an upload that stops: cut at the idle timeout").isEqualTo(408);
        stalled.close();
        assertThat(api.get("/metrics").body())
                .contains("iterwatch_events_requests_total{status=\"401\"} " + (SLOW_UPLOADS - cut) + ".0")
                .contains("iterwatch_events_requests_total{status=\"408\"} " + (cut + 1) + ".0");
        assertThat(iterwatch.log().orElse("").lines().filter(l -> l.contains("WARN") || l.contains("ERROR")))
                .as("refused connections are counted, not logged one by one").hasSizeLessThan(10);
    }

    /** A solver's event is taken, and /healthz and /metrics answer, each within a second; the alert arrives. */
    private void promptlyServed(FakeTelegram telegram, ChatView chat, String solver) {
        EventsApi.Answer accepted = promptly("the event of " + solver,
                () -> api.post(Iterwatch.API_TOKEN, EventsApi.event(solver, "failed", "still heard")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(promptly("/healthz", () -> api.get("/healthz")).status()).isEqualTo(200);
        assertThat(promptly("/metrics", () -> api.get("/metrics")).status()).isEqualTo(200);
        telegram.await(() -> chat.botTexts(ADMIN).stream().anyMatch(t -> t.contains(solver)), TIMEOUT,
                "the alert of " + solver);
    }

    /** A solver on a slow link: 6 KB in pieces over about 2.5 s, above the minimum rate of 1 KiB/s. */
    private static void unhurriedButFastEnoughIsServed(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat) {
        String event = "{\"solver\":\"unhurried\",\"event\":\"failed\",\"details\":\"" + "d".repeat(6000) + "\"}";
        try (RawConnection solver = new RawConnection("127.0.0.1", iterwatch.httpPort())) {
            solver.send(RawConnection.eventsHead(Iterwatch.API_TOKEN, event.length()));
            for (int from = 0; from < event.length(); from += 1000) {
                solver.send(event.substring(from, Math.min(event.length(), from + 1000)));
                ChatView.letTimePass(Duration.ofMillis(400)); // the pace of a slow client
            }
            assertThat(solver.status(Duration.ofSeconds(10))).isEqualTo(202);
        }
        telegram.await(() -> chat.botTexts(ADMIN).stream().anyMatch(t -> t.contains("unhurried")), TIMEOUT,
                "the unhurried alert");
    }

    @Test
    void oneAddressIsCutAtItsLimitWhileOthersAreServed(Iterwatch iterwatch, FakeTelegram telegram, ChatView chat) {
        List<RawConnection> greedy = new ArrayList<>();
        for (int i = 0; i < ADDRESS_LIMIT + 10; i++) {
            RawConnection connection = new RawConnection("127.0.0.66", iterwatch.httpPort());
            connection.send(RawConnection.get("/healthz"));
            greedy.add(connection);
            connections.add(connection);
        }
        List<Integer> statuses = greedy.stream().map(c -> c.status(Duration.ofSeconds(5))).toList();
        assertThat(statuses.subList(0, ADDRESS_LIMIT)).as("within the limit").containsOnly(200);
        assertThat(statuses.subList(ADDRESS_LIMIT, statuses.size())).as("past the limit: closed at once")
                .containsOnly(RawConnection.CLOSED);

        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("other-address", "failed", "served")).status())
                .isEqualTo(202);
        telegram.await(() -> chat.botTexts(ADMIN).stream().anyMatch(t -> t.contains("other-address")), TIMEOUT,
                "the alert");

        // Closed connections free their places: the address is served again.
        greedy.forEach(RawConnection::close);
        telegram.await(() -> {
            try (RawConnection again = new RawConnection("127.0.0.66", iterwatch.httpPort())) {
                again.send(RawConnection.get("/healthz"));
                return again.status(Duration.ofSeconds(5)) == 200;
            }
        }, TIMEOUT, "127.0.0.66 served again after closing its connections");
    }

    @Test
    void oneAddressPastItsRequestRateGets429WhileOthersAreServed(Iterwatch iterwatch, FakeTelegram telegram,
                                                                  ChatView chat) {
        int requests = 5 * REQUESTS_PER_ADDRESS;
        try (RawConnection greedy = new RawConnection("127.0.0.77", iterwatch.httpPort())) {
            // Pipelined GETs of the events path: each is cheap to answer (405) and none stores anything.
            greedy.send(RawConnection.get("/api/v1/events").repeat(requests));
            String answers = greedy.answers(requests, TIMEOUT);
            int allowed = RawConnection.count(answers, "HTTP/1.1 405");
            int refused = RawConnection.count(answers, "HTTP/1.1 429");
            assertThat(allowed + refused).as("every request answered").isEqualTo(requests);
            assertThat(allowed).as("a burst of the per-address rate, and what leaks out meanwhile")
                    .isBetween(REQUESTS_PER_ADDRESS, requests - REQUESTS_PER_ADDRESS);
            assertThat(answers).contains("too many requests from your address").contains("Retry-After: 1");
        }
        assertThat(api.post(Iterwatch.API_TOKEN, EventsApi.event("rate-other-address", "failed", "served")).status())
                .isEqualTo(202);
        telegram.await(() -> chat.botTexts(ADMIN).stream().anyMatch(t -> t.contains("rate-other-address")), TIMEOUT,
                "the alert");
    }

    /** 127.0.0.2, 127.0.0.3, …: not the solver's 127.0.0.1. */
    private static String attacker(int n) {
        return "127.0." + (n / 250) + "." + (2 + n % 250);
    }

    private static <T> T promptly(String what, Supplier<T> call) {
        long start = System.nanoTime();
        T answer = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("%s answered within %s (took %d ms)", what, PROMPTLY, took.toMillis()).isLessThan(PROMPTLY);
        return answer;
    }
}
