package org.iterwatch.monitor;

/**
 * A stored monitor.
 *
 * @param generation topic id and run of the series last seen (see {@link Generation})
 * @param heldState  STALLED or FAILED when the monitor is in that state, else null
 */
record MonitorRow(long id, String topic, String title, MonitorOptions options, String generation, MonitorState heldState,
                  long restarts) {
}
