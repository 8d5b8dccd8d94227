package org.iterwatch.bot.log;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One kind of warning that outside input can repeat at will (an invalid record, say): the first is logged
 * at once, the ones after it are folded into at most one line per period that says how many there were
 * and shows the last of them. A flood of 100 000 then writes a handful of lines, not 100 000, and an
 * operator still sees the first case, the count and a recent example.
 */
public final class RepeatedWarning {
    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private boolean logged;
    private long lastLine;
    private long folded;
    private String lastTemplate;
    private Object[] lastArguments;

    public RepeatedWarning(Logger log, Duration period) {
        this(log, period, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (a test's own) */
    public RepeatedWarning(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs the warning (SLF4J placeholders) now, or folds it into the next summary line. */
    public synchronized void warn(String template, Object... arguments) {
        long now = nanoTime.getAsLong();
        if (folded == 0 && (!logged || now - lastLine >= periodNanos)) {
            log.warn(template, arguments);
            logged = true;
            lastLine = now;
            return;
        }
        folded++;
        lastTemplate = template;
        lastArguments = arguments;
        flush();
    }

    /**
     * Writes the summary of the folded warnings once a period has passed since the last line. Call it now
     * and then (each poll, say), so that the end of a burst is reported even when no warning follows.
     */
    public synchronized void flush() {
        if (nanoTime.getAsLong() - lastLine >= periodNanos) {
            summarize();
        }
    }

    /** Writes the summary of the folded warnings now, whatever the period: at shutdown, so that none is lost. */
    public synchronized void flushRemaining() {
        summarize();
    }

    private void summarize() {
        if (folded == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        String last = MessageFormatter.arrayFormat(lastTemplate, lastArguments).getMessage();
        log.warn("{} more like this in the last {} s; the last: {}", folded,
                Duration.ofNanos(now - lastLine).toSeconds(), last);
        lastLine = now;
        folded = 0;
        lastArguments = null;
    }
}
