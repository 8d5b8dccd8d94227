package org.iterwatch.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: how fast an accepted solver event reaches Telegram, and how close a fan-out to 1 000 subscribers
 * comes to Telegram's 30 messages a second, through the real process against the fake Bot API enforcing
 * Telegram's limits (30/s overall, 1/s per chat) from start to end. Subscribers are made the honest way:
 * 1 000 admins each send /subscribe, and every reply is waited for before anything is measured.
 *
 * <p>(a) latency: event POSTed, 202 back, first sendMessage with that alert at the fake; events go round 20
 * chats ten a second, so no chat's own limit (1 message a second) is what is measured. Baselines in the same
 * run: a sendMessage posted straight to the fake, and the events API's own round trip.
 * (b) fan-out: one alert to 1 000 private chats, achieved messages a second ÷ 30, and the 429s it caused; while
 * it goes on, an operator (not subscribed) sends /status five times: how long each reply takes.
 *
 * <p>Run: {@code mvn -B -Pbench verify -pl src-test -am -Dtest=AlertBenchmark}
 */
@Tag("benchmark")
@ExtendWith(KafkaBroker.Extension.class)
class AlertBenchmark {
    static final int SUBSCRIBERS = 1_000;
    static final long FIRST_USER = 7_000_001;
    static final int LATENCY_CHATS = 20;
    static final int WARM_UP = 20;
    static final int LATENCY_EVENTS = 200;
    static final Duration EVENT_GAP = Duration.ofMillis(100);
    /** Under the fake's 30 messages a second overall. */
    static final Duration BASELINE_GAP = Duration.ofMillis(40);
    static final Duration LONG = Duration.ofSeconds(150);
    static final int TELEGRAM_LIMIT = 30;
    static final Pattern LATENCY_MARKER = Pattern.compile("lat-\\d+-end");
    static final String FAN_OUT_MARKER = "fan-out-alert";
    /** An admin who follows nothing and asks /status while the fan-out goes on. */
    static final long OPERATOR = FIRST_USER - 1;
    static final int[] ASK_AFTER_COPIES = {100, 250, 400, 550, 700};

    final KafkaBroker kafka;
    @TempDir
    Path dir;

    AlertBenchmark(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    void latencyAndFanOut() throws Exception {
        long[] users = LongStream.range(FIRST_USER, FIRST_USER + SUBSCRIBERS).toArray();
        long[] admins = LongStream.concat(LongStream.of(OPERATOR), LongStream.of(users)).toArray();
        try (FakeTelegram telegram = FakeTelegram.start(); Iterwatch iterwatch = new Iterwatch(dir, telegram, kafka, admins)) {
            telegram.enforceLimits(TELEGRAM_LIMIT, 1, 20);
            report("%s; load average %.1f at start%n", machine(), load());
            long setupStart = System.nanoTime();
            iterwatch.start();
            subscribeAll(telegram, users);
            report("setup: start + %d /subscribe commands and their paced replies: %.1f s%n", SUBSCRIBERS + LATENCY_CHATS,
                    (System.nanoTime() - setupStart) / 1e9);

            EventsApi api = new EventsApi(iterwatch.apiUrl());
            latency(telegram, api);
            fanOut(telegram, api);
            report("load average %.1f at the end%n", load());
        }
    }

    private void subscribeAll(FakeTelegram telegram, long[] users) {
        for (int i = 0; i < users.length; i++) {
            telegram.userSends(users[i], "/subscribe fan-out");
            if (i < LATENCY_CHATS) {
                telegram.userSends(users[i], "/subscribe latency-" + i);
            }
        }
        int expected = SUBSCRIBERS + LATENCY_CHATS;
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(ApiCall::ok)
                .filter(c -> c.param("text").orElse("").contains("Subscribed")).count() == expected, LONG, expected + " replies");
    }

    private void latency(FakeTelegram telegram, EventsApi api) throws InterruptedException {
        List<Double> directSend = directSendMessage(telegram, LATENCY_EVENTS);
        Map<String, Instant> sentAt = new HashMap<>();
        Map<String, Instant> acceptedAt = new HashMap<>();
        List<Double> postRoundTrip = new ArrayList<>();
        int events = WARM_UP + LATENCY_EVENTS;
        long next = System.nanoTime();
        for (int i = 0; i < events; i++) {
            String marker = "lat-" + i + "-end";
            Instant sent = Instant.now();
            EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN,
                    EventsApi.event("latency-" + i % LATENCY_CHATS, "failed", marker));
            Instant accepted = Instant.now();
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            if (i >= WARM_UP) {
                sentAt.put(marker, sent);
                acceptedAt.put(marker, accepted);
                postRoundTrip.add(millis(sent, accepted));
            }
            next += EVENT_GAP.toNanos();
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        telegram.await(() -> firstSends(telegram, AlertBenchmark::latencyMarker).size() >= events, LONG, events + " latency alerts");
        Map<String, Instant> arrived = firstSends(telegram, AlertBenchmark::latencyMarker);
        List<Double> fromAccepted = new ArrayList<>();
        List<Double> fromSent = new ArrayList<>();
        acceptedAt.forEach((marker, accepted) -> {
            fromAccepted.add(millis(accepted, arrived.get(marker)));
            fromSent.add(millis(sentAt.get(marker), arrived.get(marker)));
        });
        report("%n(a) latency over %d events (after %d warm-up), %d a second round %d chats:%n", LATENCY_EVENTS, WARM_UP,
                1000 / EVENT_GAP.toMillis(), LATENCY_CHATS);
        report("  202 received -> first sendMessage at the fake:   %s%n", percentiles(fromAccepted));
        report("  POST sent    -> first sendMessage at the fake:   %s%n", percentiles(fromSent));
        report("  baseline: events API POST -> 202 round trip:     %s%n", percentiles(postRoundTrip));
        report("  baseline: sendMessage straight to the fake:      %s%n", percentiles(directSend));
        double p99 = percentile(fromAccepted, 99);
        report("  goal p99 <= 200 ms: %s (p99 %.1f ms)%n", p99 <= 200 ? "met" : "NOT met", p99);
    }

    private void fanOut(FakeTelegram telegram, EventsApi api) {
        int refusedBefore = telegram.tooManyRequestsCount();
        long sendsBefore = telegram.calls("sendMessage").size();
        Instant sent = Instant.now();
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event("fan-out", "failed", FAN_OUT_MARKER));
        Instant accepted = Instant.now();
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        List<Double> replies = new ArrayList<>();
        for (int copies : ASK_AFTER_COPIES) {
            telegram.await(() -> firstSends(telegram, AlertBenchmark::fanOutChat).size() >= copies, LONG, copies + " copies");
            replies.add(replyMillis(telegram, OPERATOR, "/status"));
        }
        telegram.await(() -> firstSends(telegram, AlertBenchmark::fanOutChat).size() >= SUBSCRIBERS, LONG, SUBSCRIBERS + " fan-out alerts");
        List<Instant> arrivals = firstSends(telegram, AlertBenchmark::fanOutChat).values().stream().sorted().toList();
        Instant first = arrivals.get(0);
        Instant last = arrivals.get(arrivals.size() - 1);
        double whole = SUBSCRIBERS / (millis(accepted, last) / 1000);
        double steady = (SUBSCRIBERS - 1) / (millis(first, last) / 1000);
        long attempts = telegram.calls("sendMessage").size() - sendsBefore;
        int refused = telegram.tooManyRequestsCount() - refusedBefore;
        report("%n(b) fan-out of one alert to %d private chats, fake enforcing %d messages/s overall and 1/s per chat:%n",
                SUBSCRIBERS, TELEGRAM_LIMIT);
        report("  202 -> first copy %.0f ms, -> last copy %.1f s (POST round trip %.0f ms)%n", millis(accepted, first),
                millis(accepted, last) / 1000, millis(sent, accepted));
        report("  achieved, 202 to last copy: %.2f messages/s = %.3f of the limit%n", whole, whole / TELEGRAM_LIMIT);
        report("  achieved, first to last copy: %.2f messages/s = %.3f of the limit%n", steady, steady / TELEGRAM_LIMIT);
        report("  sendMessage requests %d, refused with 429: %d%n", attempts, refused);
        report("  baseline: iterwatch's own pacing ceiling %.2f messages/s = %.3f of the limit (10 %% margin)%n",
                TELEGRAM_LIMIT / 1.1, 1 / 1.1);
        report("  /status by an operator during the fan-out (after %s copies), user sends -> reply at the fake: %s ms%n",
                Arrays.toString(ASK_AFTER_COPIES), replies.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
        double slowest = replies.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        report("  goal ratio >= 0.85: %s; goal no 429: %s; goal replies within 2 s: %s (slowest %.0f ms)%n",
                whole / TELEGRAM_LIMIT >= 0.85 ? "met" : "NOT met", refused == 0 ? "met" : "NOT met",
                slowest <= 2000 ? "met" : "NOT met", slowest);
        assertThat(arrivals).hasSize(SUBSCRIBERS);
    }

    /** From the user's message to the fake's arrival of the bot's next message in that chat. */
    private static double replyMillis(FakeTelegram telegram, long user, String command) {
        long before = telegram.calls("sendMessage").stream().filter(c -> c.ok() && Iterwatch.toChat(c, user)).count();
        Instant asked = Instant.now();
        telegram.userSends(user, command);
        telegram.await(() -> telegram.calls("sendMessage").stream().filter(c -> c.ok() && Iterwatch.toChat(c, user))
                .count() > before, LONG, "the reply to " + command);
        ApiCall reply = telegram.calls("sendMessage").stream().filter(c -> c.ok() && Iterwatch.toChat(c, user))
                .skip(before).findFirst().orElseThrow();
        return millis(asked, reply.receivedAt());
    }

    /** When each alert (by its key; null: not one of them) first reached the fake as a sendMessage it accepted. */
    private static Map<String, Instant> firstSends(FakeTelegram telegram, Function<ApiCall, String> keyOf) {
        Map<String, Instant> first = new HashMap<>();
        for (ApiCall c : telegram.calls("sendMessage")) {
            String key = c.ok() ? keyOf.apply(c) : null;
            if (key != null) {
                first.putIfAbsent(key, c.receivedAt());
            }
        }
        return first;
    }

    private static String latencyMarker(ApiCall c) {
        Matcher m = LATENCY_MARKER.matcher(c.param("text").orElse(""));
        return m.find() ? m.group() : null;
    }

    private static String fanOutChat(ApiCall c) {
        return c.param("text").orElse("").contains(FAN_OUT_MARKER) ? String.valueOf(c.chatId().getAsLong()) : null;
    }

    /** The fake's own round trip for a sendMessage, posted straight to it from here (HTTP + JSON). */
    private static List<Double> directSendMessage(FakeTelegram telegram, int count) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(telegram.baseUrl() + "/bot" + telegram.token() + "/sendMessage");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count + WARM_UP; i++) {
            long chat = FIRST_USER + SUBSCRIBERS + i; // a chat of its own, under the fake's 1/s per chat
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":" + chat + ",\"parse_mode\":\"HTML\","
                            + "\"text\":\"baseline <b>" + i + "</b>\"}")).build();
            Instant start = Instant.now();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (i >= WARM_UP) {
                times.add(millis(start, Instant.now()));
            }
            Thread.sleep(BASELINE_GAP.toMillis());
        }
        return times;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static String percentiles(List<Double> values) {
        return String.format(Locale.ROOT, "p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms", percentile(values, 50),
                percentile(values, 90), percentile(values, 99), percentile(values, 100));
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.print(line);
        try {
            Files.writeString(Path.of("target", "alert-benchmark.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "machine: %s %s, %d cores, JVM %s %s", os.getName(), os.getArch(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
