package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorOptionsTest {
    @Test
    void optionsAreReadFromKeyValueWordsAndKeepWhatIsNotGiven() {
        MonitorOptions o = MonitorOptions.DEFAULTS.with(List.of("refresh=1s", "stall=2m", "x=coordinates"));
        assertThat(o).isEqualTo(new MonitorOptions(Duration.ofSeconds(1), Duration.ofMinutes(2), XAxis.COORDINATES));
        assertThat(o.with(List.of("x=ordinal")).refreshPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.text()).isEqualTo("refresh=1s stall=2m x=coordinates");
    }

    @Test
    void defaultsComeFromTheConfiguration() {
        MonitorOptions o = MonitorOptions.DEFAULTS.orElse(Duration.ofSeconds(2), Duration.ofMinutes(10));
        assertThat(o).isEqualTo(new MonitorOptions(Duration.ofSeconds(2), Duration.ofMinutes(10), XAxis.ORDINAL, null, null, 10));
    }

    @Test
    void badOptionsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("speed=3"))).hasMessageContaining("refresh, stall, x, converge, limit and stagnation");
        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("refresh=1ms"))).hasMessageContaining("between 100ms");
        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("stall=soon"))).hasMessageContaining("duration");
        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("x=log"))).hasMessageContaining("ordinal or coordinates");
    }

    @Test
    void aRestartIsANewTopicIdOrARunReplacingAnother() {
        var before = Generation.parse("id1/run-1");
        assertThat(new Generation("id1", "run-1").restartedFrom(before)).isFalse();
        assertThat(new Generation("id1", "run-2").restartedFrom(before)).isTrue();
        assertThat(new Generation("id2", "run-1").restartedFrom(before)).isTrue();
        assertThat(new Generation("id1", "run-1").restartedFrom(Generation.parse("id1/")))
                .as("a first run id after records without one is adopted").isFalse();
        assertThat(new Generation("id1", null).restartedFrom(null)).isFalse();
    }

    @Test
    void convergenceAndLimitOptionsAreReadCheckedAndWrittenBack() {
        MonitorOptions o = MonitorOptions.DEFAULTS.with(List.of("converge=1e-6", "limit=1e6", "stagnation=5"));
        assertThat(o.converge()).isEqualTo(1e-6);
        assertThat(o.limit()).isEqualTo(1e6);
        assertThat(o.stagnation()).isEqualTo(5);
        assertThat(MonitorOptions.DEFAULTS.with(List.of(o.text().split(" ")))).isEqualTo(o);
        assertThat(o.with(List.of("converge=off")).converge()).isNull();
        assertThat(MonitorOptions.DEFAULTS.orElse(Duration.ofSeconds(2), Duration.ofMinutes(10)).stagnation()).isEqualTo(10);

        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("converge=-1"))).hasMessageContaining("positive number");
        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("limit=NaN"))).hasMessageContaining("positive number");
        assertThatThrownBy(() -> MonitorOptions.DEFAULTS.with(List.of("stagnation=1"))).hasMessageContaining("from 2 to 100000");
    }
}
