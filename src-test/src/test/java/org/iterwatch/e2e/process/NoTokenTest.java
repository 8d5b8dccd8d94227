package org.iterwatch.e2e.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running iterwatch without a token explains how to get one, on one line, and fails. */
class NoTokenTest {
    @TempDir
    Path dir;

    @Test
    void withoutATokenItSaysHowToGetOneAndExitsNonZero() {
        IterwatchProcess p = IterwatchProcess.launch(Map.of("ITERWATCH_DATA_DIR", dir.resolve("data").toString()),
                List.of(), dir.resolve("out.log"));

        int exit = p.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).isNotZero();
        assertThat(p.output().strip().lines()).singleElement().asString()
                .startsWith("iterwatch: telegram.token:").contains("@BotFather").contains("TELEGRAM_BOT_TOKEN");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void anInvalidConfigNamesTheKey() {
        IterwatchProcess p = IterwatchProcess.launch(Map.of(
                        "TELEGRAM_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "ITERWATCH_REFRESH_PERIOD", "often",
                        "ITERWATCH_DATA_DIR", dir.resolve("data").toString()),
                List.of(), dir.resolve("out.log"));

        assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(p.output().strip()).isEqualTo("iterwatch: monitors.refreshPeriod: 'often' is not a duration"
                + " (examples: 500ms, 2s, 5m, 1h, 1d)");
    }
}
