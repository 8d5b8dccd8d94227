package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KeyAndHeadersTest {
    static final ParsedRecord ONE_VALUE = new ParsedRecord(1L, null, new double[] {1}, null, null, false, null);

    @Test
    void aHeaderIndexIsAWholeNumberOrTheRecordIsRefusedNeverReadAsZero() {
        assertThat(KeyAndHeaders.index(headers())).isNull();
        assertThat(KeyAndHeaders.index(headers("index", "1000000000"))).isEqualTo(1_000_000_000L);
        for (String bad : new String[] {"-1", "abc", "1.5", "99999999999999999999", ""}) {
            assertThatThrownBy(() -> KeyAndHeaders.index(headers("index", bad))).isInstanceOf(BadRecordException.class)
                    .hasMessage("header index must be a whole number from 0 on");
        }
    }

    @Test
    void namesAndRunsAreBoundedBeforeTheyAreKept() {
        assertThat(KeyAndHeaders.seriesName(ONE_VALUE, headers("series", "u".repeat(200)))).hasSize(200);
        assertThatThrownBy(() -> KeyAndHeaders.seriesName(ONE_VALUE, headers("series", "u".repeat(201))))
                .hasMessage("header series is longer than 200 bytes");
        ParsedRecord named = new ParsedRecord(1L, null, new double[] {1}, null, "v".repeat(201), false, null);
        assertThatThrownBy(() -> KeyAndHeaders.seriesName(named, headers()))
                .hasMessage("the series name is longer than 200 characters");
        assertThatThrownBy(() -> KeyAndHeaders.text(headers("run", "r".repeat(10_000)), "run", "header run"))
                .hasMessage("header run is longer than 200 bytes");
    }

    @Test
    void abscissaeFromHeadersMustBeFinite() {
        assertThat(KeyAndHeaders.abscissae(ONE_VALUE, headers("x0", "0.5", "dx", "0.25"), 2)).containsExactly(1.0);
        assertThatThrownBy(() -> KeyAndHeaders.abscissae(ONE_VALUE, headers("x0", "1e308", "dx", "1e308"), 4))
                .isInstanceOf(BadRecordException.class);
        assertThatThrownBy(() -> KeyAndHeaders.abscissae(ONE_VALUE, headers("x0", "1".repeat(100), "dx", "1"), 0))
                .hasMessage("header x0 is not a finite number");
    }

    private static Headers headers(String... pairs) {
        Headers h = new RecordHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            h.add(pairs[i], pairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }
}
