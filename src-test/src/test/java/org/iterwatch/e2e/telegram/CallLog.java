package org.iterwatch.e2e.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Every request in order of arrival, and waiting for conditions without blind sleeps. */
final class CallLog {
    private static final long RECHECK_MILLIS = 25;

    private final AtomicLong sequence = new AtomicLong();
    private final List<ApiCall> calls = new ArrayList<>();

    long nextSeq() {
        return sequence.incrementAndGet();
    }

    /** Records a finished call, keeping arrival order (long polls finish late). */
    synchronized void record(ApiCall call) {
        int index = calls.size();
        while (index > 0 && calls.get(index - 1).seq() > call.seq()) {
            index--;
        }
        calls.add(index, call);
        notifyAll();
    }

    synchronized List<ApiCall> all() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }

    /** Wakes waiters: something in the fake changed. */
    synchronized void changed() {
        notifyAll();
    }

    ApiCall awaitCall(String method, Predicate<ApiCall> condition, Duration timeout) {
        ApiCall[] found = new ApiCall[1];
        await(() -> {
            Optional<ApiCall> match = all().stream()
                    .filter(c -> c.method().equalsIgnoreCase(method) && condition.test(c)).findFirst();
            match.ifPresent(c -> found[0] = c);
            return match.isPresent();
        }, timeout, "a " + method + " call matching the condition");
        return found[0];
    }

    /** Evaluates the condition outside any lock (it may call the fake over HTTP) and rechecks on every change. */
    void await(BooleanSupplier condition, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for "
                        + description + "\n" + describe());
            }
            synchronized (this) {
                try {
                    wait(Math.min(RECHECK_MILLIS, Math.max(1, remaining / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for " + description, e);
                }
            }
        }
    }

    /** The calls so far, for failure messages; getUpdates polls are counted, not listed. */
    synchronized String describe() {
        long polls = calls.stream().filter(c -> c.method().equals("getUpdates")).count();
        String listed = calls.stream().filter(c -> !c.method().equals("getUpdates"))
                .sorted(Comparator.comparingLong(ApiCall::seq))
                .map(c -> "  " + c.summary()).collect(Collectors.joining("\n"));
        return "Calls so far (" + calls.size() + ", of them " + polls + " getUpdates):\n"
                + (listed.isEmpty() ? "  (none besides getUpdates)" : listed);
    }
}
