package org.iterwatch.bot.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.sql.SQLException;
import org.slf4j.Marker;

/**
 * While storage is failing, what other parts (Quartz, the delivery engine, ...) would log because of that
 * same failure is left to the health's own lines: one when it starts, one a minute, one when it ends.
 * Only events carrying a database exception are held back; anything else is logged as always.
 */
final class FoldedFailureLogs extends TurboFilter {
    private final StorageHealth health;

    FoldedFailureLogs(StorageHealth health) {
        this.health = health;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Runs for every logging call, enabled or not: the cheap checks come first.
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (thrown == null || !health.degraded() || logger.getName().equals(StorageHealth.class.getName())
                || !fromTheDatabase(thrown) || !StorageFailures.isStorageFailure(thrown)) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }

    private static boolean fromTheDatabase(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
