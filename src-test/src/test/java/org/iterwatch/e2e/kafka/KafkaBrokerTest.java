package org.iterwatch.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.iterwatch.bot.kafka.EmbeddedKafka;
import org.iterwatch.config.IterwatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.Extension.class)
class KafkaBrokerTest {

    @Test
    void producesAndConsumesRecordsWithKeysAndHeaders(KafkaBroker kafka) {
        String topic = KafkaBroker.uniqueTopic("headers");
        kafka.createTopic(topic);

        long first = kafka.produce(topic, "12", "{\"iteration\":12,\"values\":[0.1,0.2]}",
                Map.of("run", "r-1", "series", "u"));
        long second = kafka.produce(topic, "[0.3]");

        assertThat(List.of(first, second)).containsExactly(0L, 1L);
        List<ConsumerRecord<String, String>> records = kafka.consume(topic, 2);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).key()).isEqualTo("12");
        assertThat(records.get(0).value()).isEqualTo("{\"iteration\":12,\"values\":[0.1,0.2]}");
        assertThat(headers(records.get(0))).isEqualTo(Map.of("run", "r-1", "series", "u"));
        assertThat(records.get(1).key()).isNull();
        assertThat(records.get(1).value()).isEqualTo("[0.3]");
        assertThat(records.get(1).headers().toArray()).isEmpty();
    }

    @Test
    void producesManyValuesInOneBatch(KafkaBroker kafka) {
        String topic = KafkaBroker.uniqueTopic("batch");
        kafka.createTopic(topic);
        List<String> values = IntStream.range(0, 50).mapToObj(i -> "{\"iteration\":" + i + "}").toList();

        List<Long> offsets = kafka.produceAll(topic, values);

        assertThat(offsets).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> (long) i).toList());
        assertThat(kafka.consume(topic, 50)).extracting(ConsumerRecord::value).containsExactlyElementsOf(values);
    }

    @Test
    void createsListsAndDeletesTopics(KafkaBroker kafka) {
        String a = KafkaBroker.uniqueTopic("airy.x0.6.h0.01");
        String b = KafkaBroker.uniqueTopic("airy.x0.6.h0.01");
        assertThat(a).isNotEqualTo(b);

        kafka.createTopic(a);
        kafka.createTopic(b);
        assertThat(kafka.listTopics()).contains(a, b);
        assertThat(kafka.produce(a, "1")).isZero();

        kafka.deleteTopic(a);
        assertThat(kafka.listTopics()).contains(b).doesNotContain(a);
    }

    @Test
    void unknownTopicIsNotAutoCreatedByProducersOrConsumers(KafkaBroker kafka) {
        String missing = KafkaBroker.uniqueTopic("missing");

        assertThatThrownBy(() -> kafka.produce(missing, "1"))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("not present in metadata");

        Map<String, Object> settings = new HashMap<>(consumerSettings(kafka));
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + missing);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            assertThat(consumer.partitionsFor(missing)).isEmpty();
            consumer.subscribe(List.of(missing));
            consumer.poll(Duration.ofSeconds(2));
        }

        assertThat(kafka.listTopics()).doesNotContain(missing);
    }

    @Test
    void deleteRecordsMovesTheLogStartOffset(KafkaBroker kafka) {
        String topic = KafkaBroker.uniqueTopic("truncated");
        kafka.createTopic(topic);
        kafka.produceAll(topic, IntStream.range(0, 10).mapToObj(Integer::toString).toList());
        assertThat(kafka.beginningOffset(topic)).isZero();

        long lowWatermark = kafka.deleteRecordsBefore(topic, 4);

        assertThat(lowWatermark).isEqualTo(4);
        assertThat(kafka.beginningOffset(topic)).isEqualTo(4);
        assertThat(kafka.endOffset(topic)).isEqualTo(10);
        List<ConsumerRecord<String, String>> rest = kafka.consume(topic, 6);
        assertThat(rest).extracting(ConsumerRecord::offset).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(rest.get(0).value()).isEqualTo("4");
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsAndRecords() {
        long t0 = System.nanoTime();
        try (KafkaBroker kafka = KafkaBroker.startPrivate()) {
            long firstStart = System.nanoTime() - t0;
            int port = kafka.port();
            String topic = KafkaBroker.uniqueTopic("restart");
            kafka.createTopic(topic);
            kafka.produce(topic, "k", "before", Map.of("run", "r-1"));

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(accepts("127.0.0.1", port)).as("port %d closed while stopped", port).isFalse();
            assertThatThrownBy(() -> kafka.produce(topic, "while stopped")).isInstanceOf(IllegalStateException.class);

            long t1 = System.nanoTime();
            kafka.restart();
            long restart = System.nanoTime() - t1;
            System.out.printf("timing: private broker first start %d ms, restart %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(firstStart), TimeUnit.NANOSECONDS.toMillis(restart));

            assertThat(kafka.port()).isEqualTo(port);
            assertThat(kafka.listTopics()).contains(topic);
            assertThat(kafka.produce(topic, "after")).isEqualTo(1);
            List<ConsumerRecord<String, String>> records = kafka.consume(topic, 2);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("before", "after");
            assertThat(headers(records.get(0))).isEqualTo(Map.of("run", "r-1"));
        }
    }

    @Test
    void sharedBrokerCannotBeStoppedByOneTest(KafkaBroker kafka) {
        assertThatThrownBy(kafka::stop).isInstanceOf(IllegalStateException.class);
        assertThat(kafka.isRunning()).isTrue();
    }

    @Test
    void listensOnlyOnLoopback(KafkaBroker kafka) throws Exception {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        List<Integer> ports = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            assertThat(nodes).extracting(Node::host).containsExactly("127.0.0.1");

            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(nodes.iterator().next().id()));
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            String listeners = config.get("listeners").value();
            // e.g. PLAINTEXT://127.0.0.1:41234,CONTROLLER://127.0.0.1:39871
            for (String listener : listeners.split(",")) {
                assertThat(listener).matches("[A-Z_]+://127\\.0\\.0\\.1:\\d+");
                ports.add(Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1)));
            }
        }
        assertThat(ports).hasSize(2).contains(kafka.port());

        Path tcp = Path.of("/proc/net/tcp");
        assumeTrue(Files.isReadable(tcp), "needs Linux /proc/net/tcp");
        for (int port : ports) {
            // 127.0.0.1 itself, or as the IPv4-mapped ::ffff:127.0.0.1 of a dual-stack socket
            assertThat(listeningAddresses(port)).as("listening sockets of port %d", port)
                    .singleElement().isIn("0100007F", "0000000000000000FFFF00000100007F");
        }
        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isPresent()) {
            assertThat(accepts(external.get().getHostAddress(), kafka.port())).isFalse();
        }
    }

    @Test
    void portInUseIsAClearError(@TempDir Path dataDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            long t0 = System.nanoTime();

            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, port, KafkaBroker.MAX_RECORD_BYTES))
                    .isInstanceOf(IterwatchException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static Map<String, Object> consumerSettings(KafkaBroker kafka) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Hex local addresses of the LISTEN sockets on {@code port}, IPv4 and IPv6 (Linux /proc/net format). */
    private static List<String> listeningAddresses(int port) throws IOException {
        String portHex = String.format("%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(portHex) && fields[3].equals("0A")) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
    }
}
