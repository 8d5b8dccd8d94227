package org.iterwatch.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.iterwatch.config.OwnedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which alerts ring, which carry Ack, what context they carry; on a real H2 database. */
class SeverityTest {
    record Sent(long chatId, String html, List<ChatSender.Button> buttons, ChatSender.How how) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicLong ids = new AtomicLong();
    final ChatSender recording = new ChatSender() {
        @Override
        public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
            throw new AssertionError("the outbox must say how");
        }

        @Override
        public Result send(long chatId, Long threadId, String html, List<Button> buttons, How how) {
            sent.add(new Sent(chatId, html, buttons, how));
            return new Result.Sent(ids.incrementAndGet());
        }

        @Override
        public Result edit(long chatId, long messageId, String html, List<Button> buttons) {
            return new Result.Sent(messageId);
        }
    };
    final Instant lastRecord = Instant.parse("2026-11-30T10:00:00Z");
    final javax.sql.DataSource db = OutboxTest.h2();
    final Alerts alerts = new Alerts(db, recording, Clock.systemUTC(),
            topic -> topic.equals("airy.x0.6") ? Optional.of(new TopicProgress.Last(412, lastRecord)) : Optional.empty(),
            org.iterwatch.config.Fence.OPEN);

    @AfterEach
    void stop() {
        alerts.outbox().stop();
    }

    @Test
    void newsIsSilentWithoutButtonsAndFailuresRingWithAck() throws Exception {
        alerts.subscribe(1, null, "s", 1);
        alerts.outbox().start(new OwnedThreads("outbox"));
        for (String kind : List.of("started", "stopped", "failed")) {
            alerts.accept(event("{\"solver\":\"s\",\"event\":\"" + kind + "\"}"));
        }
        alerts.monitorNotice("t", "resumed", List.of(new Recipient(1, null)), false);
        alerts.monitorNotice("t", "stalled", List.of(new Recipient(1, null)), true);
        await(5);

        assertThat(sent).extracting(s -> s.how().silent()).containsExactly(true, true, false, true, false);
        assertThat(sent).extracting(s -> s.buttons().size()).containsExactly(0, 0, 2, 0, 2);
    }

    @Test
    void quietAllSilencesEverythingAndQuietNoneRingsEverything() throws Exception {
        ChatSettings shared = new ChatSettings(db);
        assertThat(shared.quiet(5)).isEqualTo(Quiet.INFO);
        alerts.subscribe(1, null, "*", 1);
        alerts.subscribe(2, null, "*", 2);
        shared.quiet(1, Quiet.ALL);
        shared.quiet(2, Quiet.NONE);
        alerts.outbox().start(new OwnedThreads("outbox"));
        alerts.accept(event("{\"solver\":\"s\",\"event\":\"failed\"}"));
        alerts.accept(event("{\"solver\":\"s\",\"event\":\"started\"}"));
        await(4);

        assertThat(sent.stream().filter(s -> s.chatId() == 1)).allMatch(s -> s.how().silent());
        assertThat(sent.stream().filter(s -> s.chatId() == 2)).noneMatch(s -> s.how().silent());
    }

    @Test
    void aFailureNamesItsTopicWhatWasReadLastAndAHintForSigkill() throws Exception {
        alerts.subscribe(1, null, "airy.x0.6", 1);
        alerts.outbox().start(new OwnedThreads("outbox"));
        alerts.accept(event("{\"solver\":\"airy\",\"event\":\"failed\",\"exitCode\":137,\"topic\":\"airy.x0.6\"}"));
        await(1);

        Sent failure = sent.get(0);
        assertThat(failure.how().topic()).isEqualTo("airy.x0.6");
        assertThat(failure.html()).contains("Topic: <code>airy.x0.6</code>")
                .contains("Last record: iteration 412, 2026-11-30 10:00:00 UTC")
                .contains("out-of-memory killer");
    }

    @Test
    void aTopicsSilenceIsExpectedOnceItsSolverSaidItStoppedAndNotAfterANewStart() {
        alerts.link("airy", "airy.x0.6");
        assertThat(alerts.runEnded("airy.x0.6")).isFalse();
        alerts.accept(event("{\"solver\":\"airy\",\"event\":\"started\"}"));
        assertThat(alerts.runEnded("airy.x0.6")).isFalse();
        alerts.accept(event("{\"solver\":\"airy\",\"event\":\"stopped\"}"));
        assertThat(alerts.runEnded("airy.x0.6")).isTrue();
        assertThat(alerts.runEnded("other")).isFalse();
        alerts.accept(event("{\"solver\":\"airy\",\"event\":\"started\"}"));
        assertThat(alerts.runEnded("airy.x0.6")).isFalse();
    }

    private void await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sent.size() < n || alerts.pending() > 0) {
            assertThat(System.nanoTime()).as(n + " alerts sent").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static SolverEvent event(String json) {
        return SolverEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
