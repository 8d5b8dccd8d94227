package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.iterwatch.render.PlotSeries;
import org.junit.jupiter.api.Test;

class DecimationTest {
    @Test
    void aLongSeriesKeepsEachBucketsExtremesAtTheirOwnPlace() {
        double[] y = new double[1_000_000];
        Arrays.fill(y, 1);
        y[123_456] = -50;
        y[999_999] = 80;

        PlotSeries drawn = Decimation.of(PlotSeries.ordinal(y));

        assertThat(drawn.size()).isLessThanOrEqualTo(Decimation.MAX_POINTS);
        int low = indexOf(drawn.y(), -50);
        assertThat(drawn.x()[low]).isEqualTo(123_457);
        assertThat(drawn.x()[indexOf(drawn.y(), 80)]).isEqualTo(1_000_000);
        for (int i = 1; i < drawn.size(); i++) {
            assertThat(drawn.x()[i]).isGreaterThan(drawn.x()[i - 1]);
        }
    }

    @Test
    void aShortSeriesIsDrawnAsItIs() {
        PlotSeries s = PlotSeries.ordinal(new double[] {1, 2, 3});
        assertThat(Decimation.of(s)).isSameAs(s);
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new AssertionError(v + " missing");
    }
}
