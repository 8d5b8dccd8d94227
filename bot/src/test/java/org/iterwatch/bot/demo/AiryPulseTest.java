package org.iterwatch.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AiryPulseTest {

    @Test
    void theSeriesMatchesTabulatedValuesOfAi() {
        // Abramowitz & Stegun, table 10.11
        assertThat(AiryPulse.ai(0)).isCloseTo(0.355028054, within(1e-9));
        assertThat(AiryPulse.ai(1)).isCloseTo(0.135292416, within(1e-9));
        assertThat(AiryPulse.ai(2)).isCloseTo(0.034924130, within(1e-9));
        assertThat(AiryPulse.ai(-1)).isCloseTo(0.535560883, within(1e-9));
        assertThat(AiryPulse.ai(-8)).isCloseTo(-0.052705050, within(1e-8));
    }

    @Test
    void eachIterationIsOneTimeWindowOf101ValuesWithItsTotalAndTheLastIsFinal() throws Exception {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--iterations", "100");
        ObjectMapper json = new ObjectMapper();

        JsonNode first = json.readTree(demo.record(1));
        JsonNode last = json.readTree(demo.record(100));

        assertThat(first.get("iteration").asInt()).isEqualTo(1);
        assertThat(first.get("total").asInt()).isEqualTo(100);
        assertThat(first.get("values")).hasSize(101);
        assertThat(first.get("x").get(0).asDouble()).isZero();
        assertThat(first.get("x").get(100).asDouble()).isEqualTo(1.0);
        assertThat(first.has("final")).isFalse();
        assertThat(last.get("x").get(100).asDouble()).isEqualTo(100.0);
        assertThat(last.get("final").asBoolean()).isTrue();
        // the main lobe passes the slice (Ai's maximum, 0.5357 at z = -1.02, i.e. t ≈ 30)
        assertThat(json.readTree(demo.record(31)).get("values").get(0).asDouble())
                .isCloseTo(AiryPulse.ai(-1) * Math.exp(-0.1), within(1e-6));
    }
}
