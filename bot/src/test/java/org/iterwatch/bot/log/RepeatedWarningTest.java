package org.iterwatch.bot.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedWarningTest {
    static final long S = 1_000_000_000L;
    final Logger logger = (Logger) LoggerFactory.getLogger("test.repeated-warning");
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    long now = 1_000 * S;
    final RepeatedWarning warning = new RepeatedWarning(logger, Duration.ofSeconds(10), () -> now);

    RepeatedWarningTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void theFirstIsLoggedAtOnceThenOneLineAPeriodWithTheCountAndTheLast() {
        for (int i = 1; i <= 100_000; i++) {
            now += 200_000; // 5 000 a second for 20 s
            warning.warn("skipped record at offset {}: {}", i, "bad");
        }
        now += 10 * S;
        warning.flush();

        assertThat(messages()).containsExactly(
                "skipped record at offset 1: bad",
                "50000 more like this in the last 10 s; the last: skipped record at offset 50001: bad",
                "49999 more like this in the last 19 s; the last: skipped record at offset 100000: bad");
        assertThat(lines.list).allMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void theEndOfABurstIsReportedByFlushOnceThePeriodIsOver() {
        warning.warn("bad {}", 1);
        now += S;
        warning.warn("bad {}", 2);
        warning.warn("bad {}", 3);
        warning.flush();
        assertThat(messages()).containsExactly("bad 1");

        now += 9 * S;
        warning.flush();
        warning.flush();

        assertThat(messages()).containsExactly("bad 1", "2 more like this in the last 10 s; the last: bad 3");
    }

    @Test
    void atShutdownWhatWasFoldedIsWrittenWithoutWaitingForThePeriod() {
        warning.warn("bad {}", 1);
        warning.flushRemaining();
        now += S;
        warning.warn("bad {}", 2);
        warning.flushRemaining();
        warning.flushRemaining();

        assertThat(messages()).containsExactly("bad 1", "1 more like this in the last 1 s; the last: bad 2");
    }

    @Test
    void aWarningAfterAQuietPeriodIsLoggedAtOnceAgain() {
        warning.warn("bad {}", 1);
        now += 30 * S;
        warning.warn("bad {}", 2);
        now += 30 * S;
        warning.flush();

        assertThat(messages()).containsExactly("bad 1", "bad 2");
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
