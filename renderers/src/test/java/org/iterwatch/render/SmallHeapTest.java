package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A million-point chart must render in a 64 MB heap: the renderer keeps per-column data, not per-point. */
class SmallHeapTest {
    @Test
    void aMillionPointsRenderInA64MegabyteHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), HeapProbe.class.getName(), "1000000")
                .redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }

        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("heap \u2014 1,000,000 points").contains("max heap");
        assertThat(List.of(output.split("\\s+"))).doesNotContain("OutOfMemoryError");
    }
}
