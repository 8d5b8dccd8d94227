package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

    /** Cells one single point costs in an iteration of its own: its cell, its run, its row. */
    static final long LONE_POINT = 1 + Row.RUN_CELLS + Series.ROW_CELLS;

    @Test
    void aPointAtAFarIndexCostsWhatItHoldsNotTheIndicesBeforeIt() {
        series.put(1, 0, new double[] {1, 2});
        series.put(1, 4_999_999, new double[] {9});
        for (long i = 2; i <= 200; i++) {
            series.put(i, 4_999_999, new double[] {i});
        }

        assertThat(series.points()).isEqualTo(2 + 200);
        assertThat(series.cells()).as("not 5 M doubles a row").isLessThanOrEqualTo(Series.SERIES_CELLS + 201 * LONE_POINT + 2);
        assertThat(series.values()).startsWith(1, 2, 9, 2, 3);
        StringBuilder csv = new StringBuilder();
        series.csv(csv);
        assertThat(csv.toString()).startsWith("series,iteration,index,x,value\n,1,0,,1.0\n,1,1,,2.0\n,1,4999999,,9.0\n,2,4999999,,2.0\n");
    }

    @Test
    void slicesArrivingOutOfOrderEndAsOneDenseRun() {
        int slice = 1000;
        for (int rank : new int[] {63, 0, 5, 1, 2, 62, 3, 4}) {
            series.put(1, rank * slice, slice(rank, slice));
        }
        for (int rank = 6; rank < 62; rank++) {
            series.put(1, rank * slice, slice(rank, slice));
        }

        double[] values = series.values();
        assertThat(values).hasSize(64 * slice);
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).isEqualTo(i);
        }
        assertThat(series.cells()).as("about dense: one cell a point and some room to grow")
                .isLessThanOrEqualTo(2L * 64 * slice + Series.SERIES_CELLS + Series.ROW_CELLS + 64L * Row.RUN_CELLS);
    }

    @Test
    void pointsSentOneByOneInEitherDirectionStayCompact() {
        for (int i = 0; i < 100_000; i++) {
            series.put(1, i, new double[] {i});
            series.put(2, 99_999 - i, new double[] {99_999 - i});
        }

        assertThat(series.points()).isEqualTo(200_000);
        assertThat(series.cells()).isLessThanOrEqualTo(2 * (100_000 + 65_536 + Row.RUN_CELLS + Series.ROW_CELLS) + Series.SERIES_CELLS);
        double[] values = series.values();
        assertThat(values[99_999]).isEqualTo(99_999);
        assertThat(values[100_000]).isEqualTo(0);
        assertThat(values[199_999]).isEqualTo(99_999);
    }

    @Test
    void anyMixOfBatchesSinglePointsAndFarIndicesKeepsEveryPointByIdentity() {
        Random random = new Random(11);
        Map<Long, double[]> expected = new TreeMap<>(); // iteration * 10 M + index -> {x, y}
        for (int k = 0; k < 20_000; k++) {
            long iteration = random.nextInt(5);
            int first = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(100);
                case 1 -> random.nextInt(5_000);
                case 2 -> 4_999_000 + random.nextInt(1_000);
                default -> random.nextInt(1_000_000);
            };
            double[] values = new double[1 + random.nextInt(random.nextBoolean() ? 3 : 300)];
            double[] x = random.nextInt(3) == 0 ? new double[values.length] : null;
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(1000) / 8.0;
                double[] point = expected.computeIfAbsent(iteration * 10_000_000 + first + i, key -> new double[] {Double.NaN, 0});
                if (x != null) {
                    x[i] = random.nextInt(1000) / 4.0;
                    point[0] = x[i];
                }
                point[1] = values[i];
            }
            series.put("", iteration, first, values, x);
        }

        StringBuilder want = new StringBuilder("series,iteration,index,x,value\n");
        expected.forEach((key, point) -> want.append(',').append(key / 10_000_000).append(',').append(key % 10_000_000)
                .append(',').append(Double.isNaN(point[0]) ? "" : String.valueOf(point[0])).append(',').append(point[1]).append('\n'));
        StringBuilder csv = new StringBuilder();
        series.csv(csv);
        assertThat(csv.toString()).isEqualTo(want.toString());
        assertThat(series.points()).isEqualTo(expected.size());
    }

    @Test
    void aRecordThatWouldExceedTheBudgetIsRefusedAndChangesNothing() {
        Series small = new Series(10_000);
        small.put(1, 0, new double[8_000]);
        long version = small.version();
        long cells = small.cells();

        assertThatThrownBy(() -> small.put(2, 0, new double[3_000])).isInstanceOf(BadRecordException.class)
                .hasMessageContaining("over the point budget").hasMessageContaining("monitors.maxPointsPerMonitor");
        assertThat(small.points()).isEqualTo(8_000);
        assertThat(small.cells()).isEqualTo(cells);
        assertThat(small.version()).isEqualTo(version);
        assertThat(small.lastIteration()).isEqualTo(1);

        small.put(1, 0, new double[] {5});
        assertThat(small.values()[0]).as("replacing costs nothing").isEqualTo(5);
        small.put(3, 0, new double[] {7});
        assertThat(small.points()).as("what fits still goes in").isEqualTo(8_001);
    }

    @Test
    void farAwayPointsCannotBypassTheBudget() {
        Series small = new Series(10_000);
        int accepted = 0;
        for (long i = 0; i < 10_000; i++) {
            try {
                small.put("", i % 3, (int) (i * 499), new double[] {1}, new double[] {2});
                accepted++;
            } catch (BadRecordException e) {
                // counted below
            }
        }

        assertThat(small.cells()).isLessThanOrEqualTo(10_000);
        assertThat(accepted).isLessThan(10_000 / (2 + Row.RUN_CELLS) + 1);
        assertThat(small.points()).isEqualTo(accepted);
    }

    private static double[] slice(int rank, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rank * size + i;
        }
        return v;
    }

    /** Issue 12, point 6: against real abscissae, one line per iteration, never back across the grid. */
    @Test
    void withCoordinatesEachIterationIsALineOfItsOwn() {
        double[] grid = {0.0, 0.5, 1.0};
        series.put("", 1, 0, new double[] {1, 2, 3}, grid);
        series.put("", 2, 0, new double[] {4, 5, 6}, grid);
        series.put("", 4, 0, new double[] {7, 8, 9}, grid);

        assertThat(series.plot(true).get(0).breaksBefore()).containsExactly(3, 6);
        assertThat(series.plot(false).get(0).breaksBefore()).as("numbered: only the missing iteration 3 breaks it")
                .containsExactly(6);
    }

    @Test
    void aSolversNaNIsAValueAndNotAnEmptyCell() {
        series.put(1, 0, new double[] {1, Double.NaN, Double.POSITIVE_INFINITY});
        series.put(1, 0, new double[] {1, Double.NaN, Double.POSITIVE_INFINITY});

        assertThat(series.points()).as("re-sent, not doubled").isEqualTo(3);
        assertThat(series.values()).containsExactly(1, Double.NaN, Double.POSITIVE_INFINITY);
    }
}
