package org.iterwatch.subscription;

import org.iterwatch.config.OwnedThreads;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox on a real H2 database, with a recording chat sender standing in for Telegram. */
class OutboxTest {
    record Sent(long chatId, String html) {
    }

    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicLong ids = new AtomicLong();
    final ChatSender recording = new ChatSender() {
        @Override
        public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
            if (down.get()) {
                return new Result.RetryLater(Duration.ZERO, "down");
            }
            sent.add(new Sent(chatId, html));
            return new Result.Sent(ids.incrementAndGet());
        }

        @Override
        public Result edit(long chatId, long messageId, String html, List<Button> buttons) {
            sent.add(new Sent(chatId, "EDIT " + messageId + " " + html));
            return new Result.Sent(messageId);
        }
    };
    final DataSource db = database();
    Alerts alerts;

    /** The database of each test: H2 here, PostgreSQL in {@link OutboxOnPostgresTest}. */
    DataSource database() {
        return h2();
    }

    static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outbox" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200");
        SubscriptionSchema.migrate(ds);
        return ds;
    }

    @AfterEach
    void close() {
        if (alerts != null) {
            alerts.outbox().stop();
        }
    }

    Alerts start() {
        alerts = new Alerts(db, recording, Clock.systemUTC());
        alerts.outbox().start(new OwnedThreads("outbox"));
        return alerts;
    }

    @Test
    void storedAlertsGoToEachSubscriberOnceInOrderAfterARestart() throws Exception {
        Alerts first = new Alerts(db, recording, Clock.systemUTC());
        for (long chat : new long[] {1, 2, 3}) {
            first.subscribe(chat, null, "airy", chat);
        }
        first.subscribe(4, null, "other", 4);
        for (int i = 1; i <= 20; i++) {
            first.accept(event("airy", "failed", "alert #" + i + "."));
        }
        assertThat(first.pending()).isEqualTo(60);

        start();
        awaitPending(0);

        for (long chat : new long[] {1, 2, 3}) {
            assertThat(sent.stream().filter(s -> s.chatId() == chat).map(s -> s.html().replaceAll("(?s).*(alert #\\d+\\.).*", "$1")))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "alert #" + i + ".").toList());
        }
        assertThat(sent).noneMatch(s -> s.chatId() == 4);
    }

    @Test
    void aChatThatCannotTakeItsAlertKeepsItsOrderAndGetsItLater() throws Exception {
        start().subscribe(7, null, "*", 7);
        down.set(true);
        alerts.accept(event("a", "started", "first"));
        alerts.accept(event("b", "stopped", "second"));
        Thread.sleep(300);
        assertThat(sent).isEmpty();
        down.set(false);

        awaitPending(0);

        assertThat(sent).extracting(Sent::html).satisfiesExactly(
                h -> assertThat(h).contains("first"), h -> assertThat(h).contains("second"));
    }

    @Test
    void mutedChatsGetNothingRaisedDuringTheMute() throws Exception {
        start().subscribe(1, null, "s", 1);
        alerts.subscribe(2, null, "s", 2);
        alerts.mute(2, Duration.ofHours(1));
        alerts.accept(event("s", "failed", "while muted"));
        awaitPending(0);
        alerts.unmute(2);
        alerts.accept(event("s", "failed", "after the mute"));
        awaitPending(0);

        assertThat(sent.stream().filter(s -> s.chatId() == 2).map(Sent::html))
                .singleElement().asString().contains("after the mute");
        assertThat(sent.stream().filter(s -> s.chatId() == 1)).hasSize(2);
    }

    @Test
    void aMonitorNoticeReachesChartChatsAndTopicSubscribersOnceEachUnlessMuted() throws Exception {
        start().subscribe(1, null, "topic.a", 1);
        alerts.subscribe(2, null, "*", 2);
        alerts.subscribe(5, null, "topic.b", 5);
        alerts.mute(4, Duration.ofHours(1));

        // Chat 1 shows the chart and follows the topic: still one copy.
        alerts.monitorNotice("topic.a", "topic.a stalled", List.of(new Recipient(1, null), new Recipient(3, 77L),
                new Recipient(4, null)));
        awaitPending(0);

        assertThat(sent).filteredOn(s -> s.html().equals("topic.a stalled")).extracting(Sent::chatId)
                .containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void heartbeatSilenceRaisesOneSuspicionAndAReturnRaisesOneBack() throws Exception {
        start().subscribe(1, null, "hb", 1);
        alerts.accept(new SolverEvent("hb", SolverEvent.Kind.STARTED, null, null, "node1", null, 1, null));
        awaitPending(0);
        assertThat(alerts.checkHeartbeats()).isZero();
        Thread.sleep(3200);
        assertThat(alerts.checkHeartbeats()).isEqualTo(1);
        assertThat(alerts.checkHeartbeats()).isZero();
        alerts.accept(new SolverEvent("hb", SolverEvent.Kind.HEARTBEAT, null, null, "node1", null, 1, null));
        alerts.accept(new SolverEvent("hb", SolverEvent.Kind.HEARTBEAT, null, null, "node1", null, 1, null));
        awaitPending(0);

        assertThat(sent).extracting(Sent::html).satisfiesExactly(
                h -> assertThat(h).contains("started"), h -> assertThat(h).contains("suspected failure"),
                h -> assertThat(h).contains("is back"));
    }

    @Test
    void ackShowsWhoInEveryCopyOnce() throws Exception {
        start().subscribe(1, null, "s", 1);
        alerts.subscribe(2, null, "s", 2);
        alerts.accept(event("s", "failed", "boom"));
        awaitPending(0);

        assertThat(alerts.acknowledge(1, 1, "Ann")).isTrue();
        assertThat(alerts.acknowledge(1, 2, "Bob")).isFalse();

        assertThat(sent.stream().filter(s -> s.html().startsWith("EDIT")).map(Sent::chatId)).containsExactly(1L, 2L);
        assertThat(sent.stream().filter(s -> s.html().startsWith("EDIT"))).allSatisfy(s ->
                assertThat(s.html()).contains("Acknowledged by Ann").doesNotContain("Bob"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alerts.acknowledge(1, 99, "Eve"))
                .isInstanceOf(SubscriptionException.class);
    }

    @Test
    void theLongestValidEventStillMakesAnAlertWithinTelegramsLimit() throws Exception {
        start().subscribe(1, null, "*", 1);
        String amps = "&".repeat(2000);
        SolverEvent worst = SolverEvent.parse(("{\"solver\":\"" + "s".repeat(200) + "\",\"event\":\"started\","
                + "\"message\":\"" + amps + "\",\"host\":\"" + "&".repeat(255) + "\",\"exitCode\":-1024,"
                + "\"durationSeconds\":2147483647,\"details\":\"" + "&".repeat(60_000) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        alerts.accept(worst);
        awaitPending(0);

        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.html().length()).isLessThanOrEqualTo(AlertText.MAX);
            assertThat(s.html()).contains("exit code -1024").contains("<pre>\u2026&amp;&amp;");
        });
    }

    /**
     * Telegram took the alert, then the database would not let the outbox write that down (here: a row
     * locked by someone else, as a full disk fails every write). A send is not repeated for a record that
     * failed: only a crash between the two may repeat it, once.
     */
    @Test
    void aSendWhoseRecordFailsIsRecordedLaterAndNotSentAgain() throws Exception {
        java.sql.Connection locker = db.getConnection();
        locker.setAutoCommit(false);
        AtomicBoolean locked = new AtomicBoolean();
        ChatSender lockingAfterSend = new ChatSender() {
            @Override
            public Result send(long chatId, Long threadId, String html, List<Button> buttons) {
                Result result = recording.send(chatId, threadId, html, buttons);
                if (locked.compareAndSet(false, true)) {
                    try (java.sql.Statement s = locker.createStatement()) {
                        s.executeUpdate("UPDATE alert_delivery SET attempts = attempts WHERE chat_id = " + chatId);
                    } catch (java.sql.SQLException e) {
                        throw new AssertionError(e);
                    }
                }
                return result;
            }

            @Override
            public Result edit(long chatId, long messageId, String html, List<Button> buttons) {
                return recording.edit(chatId, messageId, html, buttons);
            }
        };
        alerts = new Alerts(db, lockingAfterSend, Clock.systemUTC());
        alerts.subscribe(9, null, "*", 9);
        alerts.accept(event("locked", "failed", "only once"));
        alerts.outbox().start(new OwnedThreads("outbox"));
        java.util.function.BooleanSupplier sentOnce = () -> sent.stream().anyMatch(m -> m.html().contains("only once"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sentOnce.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // Several delivery rounds go by while the record cannot be written.
        Thread.sleep(3000);
        locker.commit();
        locker.close();
        awaitPending(0);

        assertThat(sent).filteredOn(m -> m.html().contains("only once")).hasSize(1);
    }

    static SolverEvent event(String solver, String kind, String message) {
        return SolverEvent.parse(("{\"solver\":\"" + solver + "\",\"event\":\"" + kind + "\",\"message\":\"" + message + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void awaitPending(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alerts.pending() != n) {
            assertThat(System.nanoTime()).as("pending alerts down to " + n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
