package org.iterwatch.subscription;

import java.time.Instant;

/**
 * An alert a chat was sent, for its daily digest.
 *
 * @param kind    what happened: a solver's STARTED, STOPPED, FAILED, SUSPECTED, BACK, or MONITOR for a monitor notice
 * @param ackedBy who acknowledged it, or null
 */
public record RaisedAlert(String solver, String kind, Instant at, String ackedBy) {
}
