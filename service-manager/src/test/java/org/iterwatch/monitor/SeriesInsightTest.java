package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.Progress;
import org.junit.jupiter.api.Test;

/** Issue 12: pace and ETA, episodes of bad values, and convergence, from the series alone. */
class SeriesInsightTest {

    @Test
    void thePaceComesFromRecentIterationsSoOnePauseDoesNotDecideIt() {
        RunProgress p = new RunProgress();
        long t = 1_000_000;
        for (long i = 1; i <= 30; i++) {
            t += i == 20 ? 600_000 : 2_000; // 2 s per iteration, one pause of 10 min
            p.take(i, new double[] {1}, 100L, false, t, Double.POSITIVE_INFINITY);
        }
        Progress progress = p.progress();

        assertThat(progress.secondsPerIteration()).isEqualTo(2.0);
        assertThat(progress.text()).isEqualTo("iteration 30 of 100 (30 %) \u00b7 ETA 2 min 20 s (2.0 s per iteration)");
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void aRunIsFinishedByItsFinalRecordOrItsTotal() {
        RunProgress byTotal = new RunProgress();
        RunProgress byFlag = new RunProgress();
        for (long i = 1; i <= 3; i++) {
            byTotal.take(i, new double[] {1}, 3L, false, i * 3_600_000, Double.POSITIVE_INFINITY);
            byFlag.take(i, new double[] {1}, null, i == 3, i * 60_000, Double.POSITIVE_INFINITY);
        }
        assertThat(byTotal.finished()).isTrue();
        assertThat(byTotal.progress().text()).isEqualTo("finished after 2 h 0 min (iteration 3 of 3)");
        assertThat(byFlag.progress().badge()).isEqualTo("finished after 2 min");
    }

    @Test
    void nonFiniteAndDivergingValuesAreEpisodesFromTheirFirstIteration() {
        RunProgress p = new RunProgress();
        p.take(39, new double[] {1, 2}, null, false, 0, 1e6);
        p.take(40, new double[] {1, Double.NaN}, null, false, 0, 1e6);
        p.take(41, new double[] {Double.POSITIVE_INFINITY, 2e6}, null, false, 0, 1e6);
        assertThat(p.nonFiniteSince()).isEqualTo(40);
        assertThat(p.divergingSince()).isEqualTo(41);

        p.take(42, new double[] {1, 2}, null, false, 0, 1e6);
        assertThat(p.nonFiniteSince()).as("healthy again: the episode ended").isEqualTo(-1);
        assertThat(p.divergingSince()).isEqualTo(-1);
    }

    @Test
    void aGeometricDecayGivesItsRateTheIterationsLeftAndConvergedOnce() {
        double r = 0.5;
        Series series = new Series();
        Deltas deltas = new Deltas();
        for (int k = 0; k <= 10; k++) {
            series.put(k, 0, grid(k, r));
        }
        List<Deltas.Delta> d = deltas.update(series);
        Convergence c = Deltas.convergence(d, 1e-6);

        assertThat(d).hasSize(10);
        assertThat(c.rate()).isCloseTo(r, org.assertj.core.data.Offset.offset(1e-9));
        // |Δ_10| = 2^-10 · (1 - r) · max|sin|; under 1e-6 after log2(|Δ_10| / 1e-6) more iterations
        double expected = Math.log(1e-6 / c.maxDelta()) / Math.log(r);
        assertThat(c.iterationsLeft()).isEqualTo((long) Math.ceil(expected));
        assertThat(Deltas.converged(d, 1e-6)).isFalse();
        for (int k = 11; k <= 40; k++) {
            series.put(k, 0, grid(k, r));
        }
        assertThat(Deltas.converged(deltas.update(series), 1e-6)).isTrue();
    }

    @Test
    void aChangeThatStopsFallingIsStagnation() {
        Series series = new Series();
        Deltas deltas = new Deltas();
        for (int k = 0; k <= 30; k++) {
            double amplitude = k <= 10 ? Math.pow(0.5, k) : Math.pow(0.5, 10) * (k % 2 == 0 ? 1 : 1.5);
            series.put(k, 0, new double[] {amplitude * (k % 2), -amplitude * (k % 2)});
        }
        List<Deltas.Delta> d = deltas.update(series);
        long since = Deltas.stagnatingSince(d, 1e-9, 10);
        assertThat(since).isBetween(10L, 12L);
        assertThat(Deltas.stagnatingSince(d.subList(0, 12), 1e-9, 10)).isEqualTo(-1);
    }

    static double[] grid(int k, double r) {
        double[] v = new double[50];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + Math.sin(i * 0.3) * Math.pow(r, k);
        }
        return v;
    }
}
