package org.iterwatch.e2e;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Solver records as a calculation publishes them to its topic. */
public final class Records {
    private Records() {
    }

    /** One iteration's record of {@code n} values (a sine wave, so that charts have a shape). */
    public static String batch(int iteration, int n) {
        return "{\"iteration\": " + iteration + ", \"values\": [" + IntStream.range(0, n)
                .mapToObj(j -> String.format(Locale.ROOT, "%.6f", Math.sin((iteration * n + j) / 15.0)))
                .collect(Collectors.joining(",")) + "]}";
    }
}
