package org.iterwatch.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.iterwatch.bot.BotSchema;
import org.iterwatch.bot.telegram.ChatTarget;
import org.iterwatch.bot.telegram.Keyboard;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TextOnlyGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final CountDownLatch firstMayFinish = new CountDownLatch(1);
    Delivery delivery;

    /** Telegram as far as sending text goes: records what arrives; the first send hangs until released. */
    final class RecordingGateway extends TextOnlyGateway {
        @Override
        public String botUsername() {
            return "bot";
        }

        @Override
        public long sendHtml(ChatTarget to, String html, Keyboard keyboard) {
            if (sent.isEmpty()) {
                sent.add(html);
                await(firstMayFinish);
                return 1;
            }
            sent.add(html);
            return sent.size();
        }
    }

    @AfterEach
    void stop() {
        firstMayFinish.countDown();
        delivery.stop();
    }

    @Test
    void whatWaitsForAChatLeavesAlertsFirstThenRepliesThenCharts() throws InterruptedException {
        delivery = started("order", 1000);
        ChatTarget chat = new ChatTarget(5, null);

        delivery.reply(chat, "first");
        waitUntil(() -> sent.size() == 1);
        delivery.submit(CallJob.text(Priority.CHART, chat, "chart", null));
        delivery.reply(chat, "reply");
        delivery.alert(chat, "alert", null);
        assertThat(delivery.metrics().queueLength(Priority.CHART)).isEqualTo(1);
        assertThat(delivery.metrics().queueLength(Priority.ALERT)).isEqualTo(1);
        firstMayFinish.countDown();
        waitUntil(() -> sent.size() == 4);

        assertThat(sent).containsExactly("first", "alert", "reply", "chart");
        assertThat(delivery.metrics().sent.get()).isEqualTo(4);
        assertThat(delivery.metrics().queueLength(Priority.CHART)).isZero();
    }

    @Test
    void answersToStrangersWaitUntilNothingElseIsReadyToGo() throws InterruptedException {
        // One request a second overall: everything below is queued while the first is on its way.
        delivery = started("strangers", 1);
        delivery.replyToStranger(new ChatTarget(700, null), "stranger 0");
        waitUntil(() -> sent.size() == 1);
        for (int i = 1; i <= 3; i++) {
            delivery.replyToStranger(new ChatTarget(700 + i, null), "stranger " + i);
        }
        delivery.submit(CallJob.text(Priority.CHART, new ChatTarget(-100, null), "chart", null));
        delivery.reply(new ChatTarget(5, null), "reply to a user");
        assertThat(delivery.metrics().queueLength(Priority.STRANGER)).isEqualTo(3);
        firstMayFinish.countDown();
        waitUntil(() -> sent.size() == 6);

        assertThat(sent).containsExactly("stranger 0", "reply to a user", "chart", "stranger 1", "stranger 2", "stranger 3");
    }

    @Test
    void aReplyToSomeoneGoesBeforeAnAlertFanOutToOtherChats() throws InterruptedException {
        delivery = started("fan-out", 5);
        delivery.alert(new ChatTarget(100, null), "alert 0", null);
        waitUntil(() -> sent.size() == 1);
        for (int i = 1; i <= 5; i++) {
            delivery.alert(new ChatTarget(100 + i, null), "alert " + i, null);
        }
        delivery.reply(new ChatTarget(5, null), "status");
        firstMayFinish.countDown();
        waitUntil(() -> sent.size() == 7);

        assertThat(sent).containsExactly("alert 0", "status", "alert 1", "alert 2", "alert 3", "alert 4", "alert 5");
    }

    /** An engine sending through the recording gateway, {@code overallPerSecond} requests a second at most. */
    private Delivery started(String database, int overallPerSecond) {
        Delivery engine = new Delivery(new RecordingGateway(),
                new Pacer(new org.iterwatch.config.Delivery(overallPerSecond, 1000, 20)), new ChatBook(database(database)),
                List.of(), new DeliveryMetrics());
        engine.start(new org.iterwatch.config.OwnedThreads("delivery"));
        return engine;
    }

    private static JdbcDataSource database(String name) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        BotSchema.migrate(db);
        return db;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void stoppingHandsBackWhatWaitsSoThatNoCallerWaitsForever() throws Exception {
        delivery = started("stopping", 1000);
        ChatTarget chat = new ChatTarget(5, null);
        delivery.reply(chat, "first");
        waitUntil(() -> sent.size() == 1);
        var waiting = delivery.call(Priority.ALERT, chat, "sendMessage", to -> 1L);

        Thread stopper = new Thread(delivery::stop);
        stopper.start();
        // The first send may finish only once the engine is closed (the stopper then waits for the threads to end);
        // released earlier, the dispatcher could rightly send the waiting call before stop() began.
        waitUntil(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        firstMayFinish.countDown();
        stopper.join(15_000);

        assertThat(waiting).failsWithin(java.time.Duration.ofSeconds(1)).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause().isInstanceOf(TelegramFailure.class)
                .matches(f -> ((TelegramFailure) f).kind() == TelegramFailure.Kind.TRANSIENT, "a failure to try again");
        assertThat(delivery.metrics().queueLength(Priority.ALERT)).isZero();
    }
}
