package org.iterwatch.monitor;

/** A stored monitor. */
record MonitorRow(long id, String topic, String title) {
}
