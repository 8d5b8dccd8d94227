package org.iterwatch.e2e.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.iterwatch.e2e.Records;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.iterwatch.e2e.telegram.TelegramError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, finding 4: a full disk under the data directory. iterwatch stays up and says so, refuses new
 * events with 503, and works again by itself once space is freed, having lost no accepted alert.
 */
// Alone, not beside other classes: its recovery is timed (space freed → healthy within a minute), and in one
// full-suite run at load ~20 it was not; see the closing note of this change.
@Isolated
class FullDiskTest {
    static final long ADMIN = 9101;
    static final int DISK_MEGABYTES = 24;
    /** Longer than two checks of the storage (every 5 s): it must not call a full disk healthy. */
    static final Duration HOLD = Duration.ofSeconds(12);
    /** How iterwatch names the problem: the database's failed write, or its own look at the free space. */
    static final String[] FULL = {"No space left on device", "disk almost full"};

    /** Each test starts iterwatch itself, on the small disk and with the broker it is about. */
    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).notStarted();

    Tmpfs disk;

    @BeforeEach
    void mountASmallDisk(Iterwatch iterwatch) {
        disk = Tmpfs.mount(iterwatch.dataDir(), DISK_MEGABYTES);
    }

    /** iterwatch first (the extension would close it after this): nothing of it may write there once unmounted. */
    @AfterEach
    void unmount(Iterwatch iterwatch) {
        try {
            iterwatch.close();
        } finally {
            if (disk != null) {
                disk.close();
            }
        }
    }

    @Test
    void withAnExternalBrokerAFullDiskRefusesEventsAndRecoversByItselfWhenSpaceIsFreed(Iterwatch iterwatch,
            FakeTelegram telegram, KafkaBroker kafka, ChatView chat) {
        // The test posts as fast as it can while the disk is full; the rate limit is not under test. Two failed
        // ticks would stop a monitor as failed: a full disk is not the monitor's failure, however long it lasts.
        iterwatch.configure("""
                api:
                  eventsPerSecond: 10000
                monitors:
                  failureLimit: 2
                """).start();
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        assertThat(iterwatch.ask(ADMIN, "/subscribe all")).contains("Subscribed");
        String topic = KafkaBroker.uniqueTopic("disk");
        kafka.createTopic(topic);
        assertThat(iterwatch.ask(ADMIN, "/add " + topic)).contains("Added a monitor");
        assertThat(iterwatch.ask(ADMIN, "/start " + topic)).contains("Started");
        long chart = chat.chart(ADMIN, topic).messageId();
        kafka.produce(topic, Records.batch(1, 10));
        chat.awaitChart(ADMIN, chart, topic + " \u2014 10 points");
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
            ChatView.letTimePass(Duration.ofMillis(20));
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
        kafka.produce(topic, Records.batch(2, 10));
        long holdUntil = System.nanoTime() + HOLD.toNanos();
        int refusedCount = 0;
        while (System.nanoTime() < holdUntil) {
            // A solver retrying, not a flood: the API answers a flood from one address with 429.
            ChatView.letTimePass(Duration.ofMillis(50));
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

        telegram.await(() -> alerts(chat).size() >= accepted.size(), Duration.ofSeconds(60), accepted.size() + " alerts");
        telegram.await(() -> api.get("/healthz").body().contains("\"pendingAlerts\":0"), TIMEOUT, "no pending alerts");
        assertThat(alerts(chat)).as("each accepted alert once, in order; none refused").containsExactlyElementsOf(accepted);
        kafka.produce(topic, Records.batch(3, 10));
        chat.awaitChart(ADMIN, chart, topic + " \u2014 30 points");
        assertThat(iterwatch.ask(ADMIN, "/status")).contains(topic).contains("running");
        String log = iterwatch.log().orElseThrow();
        assertThat(log.lines().filter(l -> l.contains("storage failing: "))).hasSize(1);
        assertThat(log).contains("storage works again after").doesNotContain(Iterwatch.API_TOKEN)
                .doesNotContain(telegram.token());
    }

    /**
     * A single embedded broker cannot take back a data directory that failed while it runs: iterwatch
     * then exits with a message that says so and status 75, and a new start (what systemd's
     * {@code Restart=always} does) works once there is space.
     */
    @Test
    void withTheEmbeddedBrokerOnTheFullDiskItExitsWithAClearMessageAndStartsAgainWhenThereIsSpace(Iterwatch iterwatch,
            FakeTelegram telegram, ChatView chat) {
        iterwatch.environment("KAFKA_BOOTSTRAP_SERVERS", null)
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
        telegram.await(() -> alerts(chat).containsAll(List.of(before, after)), TIMEOUT, "both alerts");
        assertThat(alerts(chat)).containsExactly(before, after);
    }

    private static String post(EventsApi api, String marker, int status) {
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, EventsApi.event("disk", "failed", marker));
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return marker;
    }

    private static List<String> alerts(ChatView chat) {
        return chat.botTexts(ADMIN).stream()
                .filter(t -> t.matches("(?s).*(before|during|refused) #\\d+\\..*|(?s).*after\\..*"))
                .map(t -> t.replaceAll("(?s).*?((before|during|refused) #\\d+\\.|after\\.).*", "$1")).toList();
    }

    private static int lines(String log) {
        return (int) log.lines().count();
    }
}
