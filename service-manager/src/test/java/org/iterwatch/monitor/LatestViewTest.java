package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.render.ChartRequest;
import org.iterwatch.render.PlotSeries;
import org.iterwatch.render.RenderedChart;
import org.junit.jupiter.api.Test;

/**
 * The Latest view's x axis says what x is: the values' index in their iteration where the records give no
 * abscissae, the solver's x where they do.
 */
class LatestViewTest {
    private static final ChartView LATEST = ChartView.DEFAULT.press(ChartView.Button.LATEST);
    final Series series = new Series();

    /** What a drawing copies of a series for the Latest view. */
    private record Copied(LatestLines latest) implements Plots {
        @Override
        public List<PlotSeries> all() {
            return List.of();
        }

        @Override
        public LatestLines latest(int count) {
            return latest;
        }

        @Override
        public List<Deltas.Delta> deltas() {
            return null;
        }
    }

    @Test
    void valuesWithoutAbscissaeAreDrawnAgainstTheirIndex() {
        series.put(1, 0, new double[] {3, 2, 1});
        series.put(2, 0, new double[] {2, 1, 0.5});

        for (boolean coordinates : new boolean[] {false, true}) { // x=coordinates without x in the records: indices
            ChartRequest request = latest(coordinates);
            assertThat(request.options().xAxisTitle()).as("coordinates=%s", coordinates).isEqualTo("index");
            assertThat(request.series().get(0).x()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void valuesWithAbscissaeAreDrawnAgainstX() {
        series.put("", 1, 0, new double[] {3, 2, 1}, new double[] {0.1, 0.2, 0.3});
        series.put("", 2, 0, new double[] {2, 1, 0.5}, new double[] {0.1, 0.2, 0.3});

        ChartRequest request = latest(true);
        assertThat(request.options().xAxisTitle()).isEqualTo("x");
        assertThat(request.series().get(0).x()).containsExactly(0.1, 0.2, 0.3);
        assertThat(latest(false).options().xAxisTitle()).as("a monitor with x=ordinal").isEqualTo("index");
    }

    private ChartRequest latest(boolean coordinates) {
        ChartRequest request = Publisher.request("t", LATEST, new Copied(series.latest(coordinates, Publisher.LATEST)),
                null, null, false);
        RenderedChart chart = new ChartRenderer().render(request);
        assertThat(chart.png()).isNotEmpty();
        assertThat(request.title()).startsWith("t \u00b7 iteration 2");
        return request;
    }
}
