package org.iterwatch.monitor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Turns one Kafka record into the points it carries and where they belong (contract 1): its JSON through
 * {@link RecordParser}, its key and headers through {@link KeyAndHeaders}. Every check happens here, so a
 * refused record changes nothing but the count of skipped ones.
 */
final class RecordDecoder {
    private final RecordParser parser;
    private final int maxRecordBytes;

    RecordDecoder(RecordParser parser, int maxRecordBytes) {
        this.parser = parser;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** @throws BadRecordException when the record is too large or malformed, with the reason people are shown */
    DecodedRecord decode(ConsumerRecord<byte[], byte[]> r) {
        byte[] value = r.value();
        if (value != null && value.length > maxRecordBytes) {
            throw new BadRecordException("a record of " + value.length + " bytes is over the limit of " + maxRecordBytes);
        }
        ParsedRecord parsed = parser.parse(value);
        Headers headers = r.headers();
        String run = KeyAndHeaders.text(headers, "run", "header run");
        int length = parsed.values().length;
        int index = parsed.index() != null ? parser.firstIndex(parsed.index(), length, "index")
                : parser.firstIndex(KeyAndHeaders.index(headers), length, "header index");
        return new DecodedRecord(run, KeyAndHeaders.seriesName(parsed, headers), KeyAndHeaders.iteration(parsed, r),
                index, parsed.values(), KeyAndHeaders.abscissae(parsed, headers, index), parsed.last(),
                parsed.total() != null ? parsed.total() : KeyAndHeaders.total(headers), r.timestamp());
    }

    /**
     * @param run    the calculation's run the record belongs to, or null when it does not say
     * @param index  the position of the first value within its iteration, checked against the bounds
     * @param x      abscissae, one per value, or null
     * @param last   the solver marked this record as its final one
     * @param total  the iterations the solver plans, or null when the record does not say
     * @param millis the record's Kafka timestamp: when the solver wrote it
     */
    record DecodedRecord(String run, String series, long iteration, int index, double[] values, double[] x,
                         boolean last, Long total, long millis) {
    }
}
