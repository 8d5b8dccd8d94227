package org.iterwatch.bot;

/** Order of the outgoing queue: an alert overtakes a reply, a reply overtakes a chart edit. */
enum Priority {
    ALERT, REPLY, CHART
}
