package org.iterwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordParserTest {
    final RecordParser parser = new RecordParser(1000);

    ParsedRecord parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void batch() {
        ParsedRecord r = parse("{\"iteration\": 12, \"values\": [0.1, 0.2, 3], \"series\": \"u\", \"final\": true}");

        assertThat(r.iteration()).isEqualTo(12);
        assertThat(r.values()).containsExactly(0.1, 0.2, 3.0);
        assertThat(r.series()).isEqualTo("u");
        assertThat(r.last()).isTrue();
    }

    @Test
    void realCoordinatesMustMatchTheValues() {
        assertThat(parse("{\"iteration\": 1, \"values\": [1, 2], \"x\": [0.1, 0.2]}").x()).containsExactly(0.1, 0.2);
        assertThatThrownBy(() -> parse("{\"values\": [1, 2], \"x\": [0.1]}")).hasMessageContaining("\"x\" has 1 values");
    }

    @Test
    void singlePoint() {
        ParsedRecord r = parse("{\"iteration\":12,\"index\":5,\"value\":0.3}");

        assertThat(r.iteration()).isEqualTo(12);
        assertThat(r.index()).isEqualTo(5);
        assertThat(r.values()).containsExactly(0.3);
    }

    @Test
    void mathematicaEnvelopeHoldsTheArrayAsAString() {
        ParsedRecord r = parse("{\"payload\": \"[0.1,0.2,-1.5E-3]\"}");

        assertThat(r.iteration()).isNull();
        assertThat(r.values()).containsExactly(0.1, 0.2, -0.0015);
    }

    @Test
    void bareArrayAndBareNumber() {
        assertThat(parse("[1, 2.5]").values()).containsExactly(1.0, 2.5);
        assertThat(parse("42").values()).containsExactly(42.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,2", "\"text\"", "{\"values\": \"1,2\"}", "{\"iteration\": 1}",
        "[1, \"x\"]", "{\"values\": [1], \"x\": [NaN]}", "{\"value\": 1, \"total\": -5}", "{\"payload\": [1]}", "{\"payload\": \"[1,\"}", "[1] [2]", "{\"iteration\": -1, \"value\": 1}",
        "{\"iteration\": 1.5, \"value\": 1}", "null", "true"})
    void malformedRecordsAreRejectedWithAReason(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(BadRecordException.class).hasMessageNotContaining("\n");
    }

    @Test
    void tooManyValuesAreRejectedBeforeGrowingWithoutBound() {
        String big = "[" + "1,".repeat(5000) + "1]";

        assertThatThrownBy(() -> parse(big)).hasMessageContaining("more than 1000 values");
    }

    @Test
    void theJsonIndexAndTheHeaderIndexObeyOneBound() {
        assertThat(parser.firstIndex(parse("{\"index\": 999, \"value\": 1}").index(), 1, "index")).isEqualTo(999);
        assertThat(parser.firstIndex(null, 1000, "header index")).isZero();

        assertThatThrownBy(() -> parser.firstIndex(1_000_000_000L, 1, "header index")).isInstanceOf(BadRecordException.class)
                .hasMessage("header index 1000000000 is beyond the last index 999 (monitors.maxPoints)");
        assertThatThrownBy(() -> parser.firstIndex(parse("{\"index\": 1000, \"value\": 1}").index(), 1, "index"))
                .hasMessage("index 1000 is beyond the last index 999 (monitors.maxPoints)");
        assertThatThrownBy(() -> parser.firstIndex(998L, 3, "index"))
                .hasMessage("index 998 with 3 values reaches beyond the last index 999 (monitors.maxPoints)");
        assertThatThrownBy(() -> parser.firstIndex(Long.MAX_VALUE, 1000, "index")).isInstanceOf(BadRecordException.class);
        assertThatThrownBy(() -> parse("{\"index\": 99999999999999999999999, \"value\": 1}")).isInstanceOf(BadRecordException.class);
    }

    @Test
    void invalidUtf8IsABadRecordNotACrash() {
        byte[] bytes = {'[', '1', ',', (byte) 0xC3, (byte) 0x28, ']'};

        assertThatThrownBy(() -> parser.parse(bytes)).isInstanceOf(BadRecordException.class);
    }

    /** Issue 12, point 3: non-finite values are data about the solver, kept and shown, not skipped. */
    @Test
    void nonFiniteValuesAreTakenAsValues() {
        double[] v = parse("{\"iteration\": 40, \"values\": [1, NaN, Infinity, -Infinity, 1e999]}").values();

        assertThat(v[0]).isEqualTo(1.0);
        assertThat(Double.doubleToRawLongBits(v[1])).as("the plain NaN").isEqualTo(Double.doubleToRawLongBits(Double.NaN));
        assertThat(v[2]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(v[4]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("{\"payload\": \"[NaN, 2]\"}").values()[1]).isEqualTo(2.0);
    }

    /** JavaScript's encoders, pandas' to_json and some C++ libraries write non-finite values as strings. */
    @Test
    void nonFiniteValuesWrittenAsStringsAreTheValuesTheyName() {
        double[] v = parse("{\"iteration\": 40, \"values\": [1, \"NaN\", \"Infinity\", \"-Infinity\", 2]}").values();

        assertThat(v[0]).isEqualTo(1.0);
        assertThat(Double.doubleToRawLongBits(v[1])).as("the plain NaN").isEqualTo(Double.doubleToRawLongBits(Double.NaN));
        assertThat(v[2]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(v[4]).isEqualTo(2.0);
        assertThat(parse("{\"iteration\": 3, \"index\": 5, \"value\": \"-Infinity\"}").values())
                .containsExactly(Double.NEGATIVE_INFINITY);
        assertThat(parse("[\"Infinity\", 0.5]").values()).containsExactly(Double.POSITIVE_INFINITY, 0.5);
        assertThat(parse("\"NaN\"").values()).hasSize(1);
        assertThat(parse("\"NaN\"").values()[0]).isNaN();
        assertThat(parse("{\"payload\": \"[\\\"NaN\\\", 2]\"}").values()[1]).isEqualTo(2.0);
        assertThat(parse("{\"payload\": \"[\\\"NaN\\\", 2]\"}").values()[0]).isNaN();
        assertThat(parse("{\"payload\": \"\\\"Infinity\\\"\"}").values()).containsExactly(Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NAN", "inf", "+Infinity", "Infinity ", "-NaN", "1.5", "", "null"})
    void anyOtherStringWhereANumberMustBeIsRefusedSayingWhichStringsAreTaken(String text) {
        String quoted = "\"" + text + "\"";
        for (String json : new String[] {"[1, " + quoted + "]", "{\"value\": " + quoted + "}",
                "{\"iteration\": 1, \"values\": [" + quoted + "]}"}) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(BadRecordException.class)
                    .hasMessageContaining("number")
                    .hasMessageContaining("only \"NaN\", \"Infinity\" and \"-Infinity\" are taken");
        }
        assertThatThrownBy(() -> parse(quoted)).isInstanceOf(BadRecordException.class)
                .hasMessage("expected a JSON object, array or number");
    }

    @Test
    void aNonFiniteAbscissaIsRefusedAlsoWhenWrittenAsAString() {
        assertThatThrownBy(() -> parse("{\"values\": [1], \"x\": [\"Infinity\"]}")).isInstanceOf(BadRecordException.class)
                .hasMessage("\"x\" holds a value that is not a finite number");
        assertThat(parse("{\"values\": [\"NaN\", 3], \"x\": [0.5, 1]}").x()).containsExactly(0.5, 1.0);
    }

    @Test
    void aTotalIsThePlannedNumberOfIterations() {
        assertThat(parse("{\"iteration\": 1, \"total\": 1000, \"values\": [1]}").total()).isEqualTo(1000L);
        assertThat(parse("{\"iteration\": 1, \"values\": [1]}").total()).isNull();
    }
}
