package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesTest {
    final Series series = new Series();

    @Test
    void pointsAreOrderedByIdentityNotArrival() {
        series.put(2, 0, new double[] {20, 21});
        series.put(1, 0, new double[] {10, 11});

        assertThat(series.values()).containsExactly(10, 11, 20, 21);
        assertThat(series.firstIteration()).isEqualTo(1);
        assertThat(series.lastIteration()).isEqualTo(2);
    }

    @Test
    void aResentBatchReplacesInsteadOfDoubling() {
        series.put(1, 0, new double[] {1, 2, 3});
        long version = series.version();
        series.put(1, 0, new double[] {1, 2, 3});

        assertThat(series.points()).isEqualTo(3);
        assertThat(series.version()).as("identical data is not a change").isEqualTo(version);

        series.put(1, 1, new double[] {5});
        assertThat(series.values()).containsExactly(1, 5, 3);
        assertThat(series.version()).isGreaterThan(version);
    }

    @Test
    void singlePointsFillTheirIndex() {
        series.put(3, 2, new double[] {0.3});
        series.put(3, 0, new double[] {0.1});

        assertThat(series.points()).isEqualTo(2);
        assertThat(series.values()).containsExactly(0.1, 0.3);
    }
}
