package org.iterwatch.e2e.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iterwatch.e2e.Pictures;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.ChatMessage;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, finding 4: a full disk under the data directory. iterwatch stays up and says so, refuses new
 * events with 503, and works again by itself once space is freed, having lost no accepted alert.
 */
@ExtendWith(KafkaBroker.Extension.class)
class FullDiskTest {
    static final long ADMIN = 9101;
    static final int DISK_MEGABYTES = 24;
    /** Longer than two checks of the storage (every 5 s): it must not call a full disk healthy. */
    static final Duration HOLD = Duration.ofSeconds(12);
    /** How iterwatch names the problem: the database's failed write, or its own look at the free space. */
    static final String[] FULL = {"No space left on device", "disk almost full"};

    final KafkaBroker kafka;
    FakeTelegram telegram;
    Iterwatch iterwatch;
    Tmpfs disk;
    @TempDir
    Path dir;

    FullDiskTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        disk = Tmpfs.mount(dir.resolve("data"), DISK_MEGABYTES);
        telegram = FakeTelegram.start();
    }

    @AfterEach
    void stop() {
        if (iterwatch != null) {
            iterwatch.close();
        }
        telegram.close();
        disk.close();
    }

    @Test
    void withAnExternalBrokerAFullDiskRefusesEventsAndRecoversByItselfWhenSpaceIsFreed() {
        // The test posts as fast as it can while the disk is full; the rate limit is not under test.
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).configure("""
                api:
                  eventsPerSecond: 10000
                """).start();
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        assertThat(iterwatch.ask(ADMIN, "/subscribe all")).contains("Subscribed");
        String topic = KafkaBroker.uniqueTopic("disk");
        kafka.createTopic(topic);
        assertThat(iterwatch.ask(ADMIN, "/add " + topic)).contains("Added a monitor");
        assertThat(iterwatch.ask(ADMIN, "/start " + topic)).contains("Started");
        long chart = pinnedChart(topic);
        kafka.produce(topic, batch(1));
        awaitChart(chart, topic + " \u2014 10 points");
        // Telegram is down: what is accepted now waits in the outbox, on the disk about to fill.
        telegram.banChat(ADMIN, TelegramError.serverError());
        List<String> accepted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            accepted.add(post(api, "before #" + i + ".", 202));
        }

        disk.fill();
        // The database may still find room inside its file for a few: those are accepted, the rest refused.
        EventsApi.Answer refused = null;
        for (int i = 1; i <= 200 && refused == null; i++) {
            pause(20);
            EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event("disk", "failed", "during #" + i + "."));
            if (answer.status() == 202) {
                accepted.add("during #" + i + ".");
            } else {
                refused = answer;
            }
        }
        assertThat(refused).as("an event refused while the disk is full").isNotNull();
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        int logLinesAtFull = lines(iterwatch.log().orElseThrow());
        // Telegram is back while the disk is still full: what it takes cannot be marked sent yet.
        telegram.unbanChat(ADMIN);
        kafka.produce(topic, batch(2));
        long holdUntil = System.nanoTime() + HOLD.toNanos();
        int refusedCount = 0;
        while (System.nanoTime() < holdUntil) {
            // A solver retrying, not a flood: the API answers a flood from one address with 429.
            pause(50);
            EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event("disk", "failed", "refused."));
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).containsAnyOf(FULL).contains("try again");
            refusedCount++;
            EventsApi.Answer health = api.get("/healthz");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"degraded\"").containsAnyOf(FULL);
            assertThat(iterwatch.process().isAlive()).isTrue();
        }
        String degradedLog = iterwatch.log().orElseThrow().lines().skip(logLinesAtFull).collect(Collectors.joining("\n"));
        // Not one line per failure: thousands of refusals, Quartz, the outbox and the probe failing for
        // seconds on end come to a few lines, without stack traces.
        assertThat(degradedLog.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")).count())
                .as("log entries while " + refusedCount + " events were refused:\n" + degradedLog).isLessThanOrEqualTo(6);
        assertThat(degradedLog).doesNotContain("\tat ");

        disk.free();
        telegram.await(() -> api.get("/healthz").body().contains("\"status\":\"ok\""), Duration.ofSeconds(60),
                "healthz ok after the disk was freed");
        accepted.add(post(api, "after.", 202));

        telegram.await(() -> alerts().size() >= accepted.size(), Duration.ofSeconds(60), accepted.size() + " alerts");
        telegram.await(() -> api.get("/healthz").body().contains("\"pendingAlerts\":0"), TIMEOUT, "no pending alerts");
        assertThat(alerts()).as("each accepted alert once, in order; none refused").containsExactlyElementsOf(accepted);
        kafka.produce(topic, batch(3));
        awaitChart(chart, topic + " \u2014 30 points");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(topic).contains("RUNNING");
        String log = iterwatch.log().orElseThrow();
        assertThat(log.lines().filter(l -> l.contains("storage failing: "))).hasSize(1);
        assertThat(log).contains("storage works again after").doesNotContain(Iterwatch.API_TOKEN)
                .doesNotContain(telegram.token());
    }

    private long pinnedChart(String topic) {
        ApiCall photo = telegram.awaitCall("sendPhoto",
                c -> Iterwatch.toChat(c, ADMIN) && c.ok() && c.param("caption").orElse("").contains(topic), TIMEOUT);
        return photo.responseJson().path("result").path("message_id").asLong();
    }

    private void awaitChart(long messageId, String title) {
        telegram.await(() -> telegram.message(ADMIN, messageId).flatMap(ChatMessage::photo)
                .map(Pictures::title).filter(title::equals).isPresent(), TIMEOUT, "the chart titled '" + title + "'");
    }

    private static String batch(int iteration) {
        return "{\"iteration\": " + iteration + ", \"values\": [" + IntStream.range(0, 10)
                .mapToObj(j -> String.format(Locale.ROOT, "%.3f", Math.sin(iteration * 10 + j)))
                .collect(Collectors.joining(",")) + "]}";
    }

    /**
     * A single embedded broker cannot take back a data directory that failed while it runs: iterwatch
     * then exits with a message that says so and status 75, and a new start (what systemd's
     * {@code Restart=always} does) works once there is space.
     */
    @Test
    void withTheEmbeddedBrokerOnTheFullDiskItExitsWithAClearMessageAndStartsAgainWhenThereIsSpace() {
        iterwatch = new Iterwatch(dir, telegram, kafka, ADMIN).environment("KAFKA_BOOTSTRAP_SERVERS", null)
                .environment("ITERWATCH_KAFKA_PORT", "0").start();
        assertThat(iterwatch.log().orElseThrow()).contains("Embedded Kafka ready on");
        assertThat(iterwatch.ask(ADMIN, "/subscribe all")).contains("Subscribed");
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        String before = post(api, "before #1.", 202);
        // Delivered and marked so: otherwise it is the one in flight at the exit, and may come twice.
        telegram.await(() -> api.get("/healthz").body().contains("\"pendingAlerts\":0"), TIMEOUT, "no pending alerts");

        disk.fill();

        int status = iterwatch.process().awaitExit(Duration.ofSeconds(90));
        assertThat(status).isEqualTo(75);
        assertThat(iterwatch.log().orElseThrow()).contains("the embedded Kafka broker gave up: its data directory")
                .contains("iterwatch exits with status 75 so that its service manager starts it again");

        disk.free();
        iterwatch.start();
        EventsApi again = new EventsApi(iterwatch.apiUrl());
        String after = post(again, "after.", 202);
        telegram.await(() -> alerts().containsAll(List.of(before, after)), TIMEOUT, "both alerts");
        assertThat(alerts()).containsExactly(before, after);
    }

    private String post(EventsApi api, String marker, int status) {
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event("disk", "failed", marker));
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return marker;
    }

    private List<String> alerts() {
        return telegram.messages(ADMIN).stream().filter(ChatMessage::fromBot).map(ChatMessage::text)
                .filter(t -> t != null && t.matches("(?s).*(before|during|refused) #\\d+\\..*|(?s).*after\\..*"))
                .map(t -> t.replaceAll("(?s).*?((before|during|refused) #\\d+\\.|after\\.).*", "$1")).toList();
    }

    private static int lines(String log) {
        return (int) log.lines().count();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
