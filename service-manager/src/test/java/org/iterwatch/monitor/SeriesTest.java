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

    @Test
    void namedSeriesAreSeparateLinesAndKeepTheirCoordinates() {
        series.put("u", 1, 0, new double[] {1, 2}, new double[] {0.5, 0.6});
        series.put("v", 1, 0, new double[] {3}, null);
        series.put("u", 1, 0, new double[] {1, 2}, new double[] {0.5, 0.6});

        var lines = series.plot(true);
        assertThat(lines).extracting(org.iterwatch.render.PlotSeries::name).containsExactly("u", "v");
        assertThat(lines.get(0).x()).containsExactly(0.5, 0.6);
        assertThat(lines.get(1).x()).as("v has no coordinates, so it is numbered").isNull();
        assertThat(series.plot(false).get(0).x()).isNull();
        assertThat(series.points()).isEqualTo(3);
    }

    @Test
    void missingIterationsAreCountedAndTheFirstOnesListed() {
        for (long i : new long[] {1, 2, 5, 6, 40}) {
            series.put(i, 0, new double[] {i});
        }

        Series.Gaps gaps = series.gaps(4);
        assertThat(gaps.count()).isEqualTo(2 + 33);
        assertThat(gaps.listed()).containsExactly(3L, 4L, 7L, 8L);
    }

    @Test
    void csvListsEveryPointByIdentity() {
        series.put("", 2, 1, new double[] {0.25}, new double[] {1.5});
        series.put("", 1, 0, new double[] {-1e-300}, null);
        StringBuilder out = new StringBuilder();
        series.csv(out);

        assertThat(out.toString()).isEqualTo("series,iteration,index,x,value\n,1,0,,-1.0E-300\n,2,1,1.5,0.25\n");
    }
}
