package org.iterwatch.monitor;

/**
 * The points one Kafka record carries.
 *
 * @param iteration the iteration number, or null when the record did not say
 * @param index     the position of the first value within its iteration
 * @param values    the values, in index order
 */
record ParsedRecord(Long iteration, int index, double[] values, String series) {
}
