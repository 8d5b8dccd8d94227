package org.iterwatch.subscription;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The event parser shared by the HTTP API and the Kafka topic: one object per body or record, nothing after it. */
class SolverEventTest {
    static final String EVENT = "{\"solver\":\"s-1\",\"event\":\"failed\",\"exitCode\":3}";

    @Test
    void oneObjectWithWhitespaceAroundIsAnEvent() {
        SolverEvent event = SolverEvent.parse((" \n" + EVENT + " \r\n\t ").getBytes(UTF_8));
        assertThat(event.solver()).isEqualTo("s-1");
        assertThat(event.event()).isEqualTo(SolverEvent.Kind.FAILED);
        assertThat(event.exitCode()).isEqualTo(3);
    }

    @Test
    void anythingAfterTheObjectIsRefusedNamingTheBody() {
        for (String body : new String[] {EVENT + " xyz", EVENT + EVENT, EVENT + "\n" + EVENT, EVENT + " 1", EVENT + "}",
                EVENT + " \"more\"", EVENT + ",", EVENT + "\u0000"}) {
            assertThatThrownBy(() -> SolverEvent.parse(body.getBytes(UTF_8))).as(body)
                    .isInstanceOfSatisfying(BadEventException.class, e -> {
                        assertThat(e.field()).isEqualTo("body");
                        assertThat(e.getMessage()).contains("after the JSON object").contains("one event");
                    });
        }
    }

    @Test
    void emptyOrNonObjectBodiesAreStillRefusedAsBefore() {
        for (String body : new String[] {"", "   ", "[1, 2]", "42", "null"}) {
            assertThatThrownBy(() -> SolverEvent.parse(body.getBytes(UTF_8))).as(body)
                    .isInstanceOfSatisfying(BadEventException.class, e -> {
                        assertThat(e.field()).isEqualTo("body");
                        assertThat(e.getMessage()).isEqualTo("body: expected a JSON object");
                    });
        }
        assertThatThrownBy(() -> SolverEvent.parse("{not json".getBytes(UTF_8)))
                .isInstanceOfSatisfying(BadEventException.class, e -> assertThat(e.getMessage()).startsWith("body: not valid JSON"));
    }
}
