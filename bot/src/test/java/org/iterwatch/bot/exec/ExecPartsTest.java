package org.iterwatch.bot.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pieces of {@code iterwatch exec} a failure alert is made of. */
class ExecPartsTest {
    @Test
    void stderrPassesThroughWhole() {
        String text = IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\nno newline";
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        StderrTail tail = new StderrTail(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ours, 40);
        tail.start();

        String kept = tail.await(5000);

        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(kept.lines().toList()).hasSize(41).startsWith("line 61").endsWith("line 100", "no newline");
    }

    @Test
    void aVeryLongLineIsCutSoTheTailStaysSmall() {
        String text = "\u00e9".repeat(100_000) + "\nlast\n";
        StderrTail tail = new StderrTail(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), 40);
        tail.start();

        String kept = tail.await(5000);

        assertThat(kept).hasSizeLessThan(2100).endsWith("\nlast\n");
    }

    @Test
    void exitStatusNamesSignalsLikeAShell() {
        assertThat(new ExitStatus(0).success()).isTrue();
        assertThat(new ExitStatus(3).describe()).isEqualTo("exited with code 3");
        assertThat(new ExitStatus(137).describe()).isEqualTo("killed by SIGKILL (exit status 137)");
        assertThat(new ExitStatus(143).signal()).contains("SIGTERM");
        assertThat(new ExitStatus(128).signal()).isEmpty();
        assertThat(new ExitStatus(255).signal()).isEmpty();
    }
}
