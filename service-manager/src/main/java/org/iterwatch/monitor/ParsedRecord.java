package org.iterwatch.monitor;

/**
 * The points one Kafka record carries.
 *
 * @param iteration the iteration number, or null when the record did not say
 * @param index     the position of the first value within its iteration, or null when the record did not say;
 *                  not bounded yet (see {@link RecordParser#firstIndex})
 * @param values    the values, in index order
 * @param x         real abscissae, one per value, or null
 * @param series    the series name, or null when the record did not say
 * @param last      the solver marked this record as its final one
 * @param total     the number of iterations the solver plans, or null when the record did not say
 */
record ParsedRecord(Long iteration, Long index, double[] values, double[] x, String series, boolean last, Long total) {
}
