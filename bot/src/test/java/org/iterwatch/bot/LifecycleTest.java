package org.iterwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.iterwatch.config.Managed;
import org.iterwatch.config.Threads;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    final List<String> events = new ArrayList<>();

    /** A part with one looping thread that ends when asked, or never when {@code stubborn}. */
    final class Looping implements Managed {
        final String name;
        final boolean stubborn;
        volatile boolean running;

        Looping(String name, boolean stubborn) {
            this.name = name;
            this.stubborn = stubborn;
        }

        @Override
        public void start(Threads threads) {
            running = true;
            CountDownLatch started = new CountDownLatch(1);
            threads.start(name + "-loop", () -> {
                started.countDown();
                while (running || stubborn) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            threads.pool(name + "-pool", 2).execute(() -> { });
            awaitQuietly(started);
            events.add("start " + name);
        }

        @Override
        public void stop() {
            running = false;
            events.add("stop " + name);
        }
    }

    @Test
    void partsStartInWiringOrderStopInReverseAndTheirThreadsEndWithThem() {
        Lifecycle process = Lifecycle.process();
        process.add("a", new Looping("a", false));
        Lifecycle active = process.group("active");
        active.add("b", new Looping("b", false));
        active.add("c", new Looping("c", true));
        process.add("d", new Looping("d", false));

        assertThat(process.threads()).contains("a: a-loop", "a: a-pool-1", "b: b-loop", "c: c-loop", "d: d-loop");
        process.stop();

        assertThat(events).containsExactly("start a", "start b", "start c", "start d", "stop d", "stop c", "stop b", "stop a");
        assertThat(process.threads()).as("even the stubborn thread is ended").isEmpty();
    }

    @Test
    void aGroupStopsAndStartsAgainWhileTheRestRunsOn() {
        Lifecycle process = Lifecycle.process();
        process.add("http", new Looping("http", false));
        Lifecycle active = process.group("active");
        active.add("polling", new Looping("polling", false));
        List<String> before = process.threads();

        active.stop();
        assertThat(process.threads()).containsExactly("http: http-loop", "http: http-pool-1");
        assertThat(active.running()).isFalse();
        active.start();
        active.stop();
        active.start();

        assertThat(process.threads()).as("no thread left behind by a restart").hasSameElementsAs(before);
        assertThat(events).containsExactly("start http", "start polling", "stop polling", "start polling", "stop polling",
                "start polling");
        process.stop();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
