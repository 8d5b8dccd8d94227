package org.iterwatch.monitor;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Which message shows a monitor's chart in each chat, and what it shows: written only by the chat side,
 * once Telegram has confirmed a message, and read by the monitors to know whom to serve and to check
 * button presses.
 */
public final class ChartMessages {
    private final MonitorRepository repository;

    public ChartMessages(DataSource dataSource) {
        this.repository = new MonitorRepository(Jdbi.create(dataSource));
    }

    public void shown(long monitorId, ShownMessage message) {
        repository.shown(monitorId, message);
    }
}
