package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs of a calculation: identity is (run, series, iteration, index). */
class RunSeriesTest {
    final RunSeries series = new RunSeries(Long.MAX_VALUE);

    static RecordDecoder.DecodedRecord record(String run, long iteration, double... values) {
        return new RecordDecoder.DecodedRecord(run, "", iteration, 0, values, null, false, null, 0);
    }

    @Test
    void aRunHeaderAfterRecordsWithoutOneStartsANewRunInsteadOfMixingTheTwo() {
        series.take(record(null, 1, 1, 2, 3));
        series.take(record(null, 2, 4, 5, 6));

        series.take(record("b", 1, 10, 20));

        assertThat(series.points()).as("only the new run's points").isEqualTo(2);
        assertThat(series.lastIteration()).isEqualTo(1);
        assertThat(series.takeNewRun()).isEqualTo("b");
        assertThat(series.takeNewRun()).as("told once").isNull();
    }

    @Test
    void aFirstRunHeaderOnAnEmptySeriesIsNoNewRun() {
        series.take(record("a", 1, 1, 2));
        series.take(record("a", 2, 3, 4));

        assertThat(series.points()).isEqualTo(4);
        assertThat(series.takeNewRun()).isNull();
    }

    @Test
    void aSecondRunReplacesTheFirstAndLateRecordsOfTheFirstAreIgnored() {
        series.take(record("a", 1, 1, 2));
        series.take(record("b", 1, 5));

        assertThat(series.take(record("a", 2, 9))).isFalse();
        assertThat(series.points()).isEqualTo(1);
        assertThat(series.takeNewRun()).isEqualTo("b");
    }
}
