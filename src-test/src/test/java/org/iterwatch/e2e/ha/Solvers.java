package org.iterwatch.e2e.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;
import org.iterwatch.e2e.alerts.EventsApi;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;

/**
 * Solvers pointed at two instances: each event goes to the next instance in turn, and to the other one when
 * that one does not answer (as {@code iterwatch exec --url a,b} does). Also reads what the chats got.
 */
final class Solvers {
    /** Bursts of alerts from one address, delivered quickly (Telegram's 1 a second per chat is not the point here). */
    static final String QUICK_ALERTS = """
            api:
              eventsPerSecond: 1000
            http:
              requestsPerAddressPerSecond: 10000
            delivery:
              privateChatPerSecond: 50
            """;
    private final List<Iterwatch> instances;
    /** One client per URL: a new one per request would leave its connections open past the per-address limit. */
    private static final java.util.Map<String, EventsApi> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();
    private int next;

    Solvers(Iterwatch... instances) {
        this.instances = List.of(instances);
    }

    /** Posts alert {@code number} ("ha #number.") of solver {@code solver}; fails unless some instance stored it (202). */
    void post(String solver, int number) {
        Throwable last = null;
        for (int tries = 0; tries < instances.size() * 2; tries++) {
            Iterwatch to = instances.get(next++ % instances.size());
            try {
                EventsApi.Answer answer = client(to).post(Iterwatch.API_TOKEN,
                        EventsApi.event(solver, "failed", "ha #" + number + "."));
                assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                return;
            } catch (UncheckedIOException | AssertionError e) {
                // that instance is down (or has no port file yet): the other one takes it
                last = e;
            }
        }
        throw new AssertionError("no instance took alert #" + number, last);
    }

    void post(String solver, int from, int to) {
        for (int i = from; i <= to; i++) {
            post(solver, i);
        }
    }

    /** The alert numbers the chat received, in the order they arrived. */
    static List<Integer> alerts(ChatView chat, long chatId) {
        return chat.botTexts(chatId).stream().filter(t -> t.matches("(?s).*ha #\\d+\\..*"))
                .map(t -> Integer.valueOf(t.replaceAll("(?s).*ha #(\\d+)\\..*", "$1"))).toList();
    }

    static void assertAllInOrder(ChatView chat, long chatId, int count, int maxRepeats) {
        List<Integer> received = alerts(chat, chatId);
        List<Integer> expected = IntStream.rangeClosed(1, count).boxed().toList();
        assertThat(ChatView.withoutAdjacentRepeats(received)).as("every alert to " + chatId + ", in order").isEqualTo(expected);
        assertThat(received.size() - count).as("alerts sent twice to " + chatId).isLessThanOrEqualTo(maxRepeats);
    }

    /** Waits until each chat got alerts 1 … count (repeats aside). */
    static void awaitAlerts(org.iterwatch.e2e.telegram.FakeTelegram telegram, ChatView chat, long[] chats, int count) {
        for (long chatId : chats) {
            telegram.await(() -> alerts(chat, chatId).stream().distinct().count() >= count,
                    java.time.Duration.ofSeconds(60), count + " alerts to " + chatId);
        }
    }

    /** What /healthz of an instance says of roles, e.g. {@code "role":"standby"} and {@code "active":"b"}. */
    static String health(Iterwatch instance) {
        try {
            return client(instance).get("/healthz").body();
        } catch (UncheckedIOException e) {
            return "down";
        }
    }

    private static EventsApi client(Iterwatch instance) {
        return CLIENTS.computeIfAbsent(instance.apiUrl(), EventsApi::new);
    }

    /** What /metrics of an instance shows (Prometheus text). */
    static String metrics(Iterwatch instance) {
        return client(instance).get("/metrics").body();
    }

    static boolean isActive(Iterwatch instance) {
        return health(instance).contains("\"role\":\"active\"");
    }
}
