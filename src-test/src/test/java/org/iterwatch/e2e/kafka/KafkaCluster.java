package org.iterwatch.e2e.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;

/**
 * Three Kafka brokers (KRaft, each also a controller) in processes of their own, from Apache Kafka's own jars,
 * so that one can be killed with SIGKILL as a machine dies. Slower to start than {@link KafkaBroker}: only for
 * tests of what a cluster changes.
 */
public final class KafkaCluster implements AutoCloseable {
    public static final int SIZE = 3;
    private static final Duration START = Duration.ofSeconds(120);
    private final Path dir;
    private final int[] ports = new int[SIZE];
    private final Process[] nodes = new Process[SIZE];
    private Admin admin;

    private KafkaCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts three nodes and returns once all three serve as brokers. */
    public static KafkaCluster start(Path dir) {
        KafkaCluster cluster = new KafkaCluster(dir);
        try {
            cluster.launch();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void launch() {
        int[] controllers = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            ports[i] = freePort();
            controllers[i] = freePort();
        }
        String voters = IntStream.range(0, SIZE)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllers[i]).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < SIZE; i++) {
            Path data = dir.resolve("node-" + (i + 1));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    KafkaNode.class.getName(), Integer.toString(i + 1), data.toString(), Integer.toString(ports[i]),
                    Integer.toString(controllers[i]), voters, clusterId));
            try {
                nodes[i] = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("node-" + (i + 1) + ".log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        long deadline = System.nanoTime() + START.toNanos();
        while (brokers() < SIZE) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Kafka cluster did not start within " + START + "; logs in " + dir);
            }
            pause();
        }
    }

    /** All three addresses, as a client of a cluster is configured. */
    public String bootstrapServers() {
        return Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** A one-partition topic on all three brokers, written once two of them have a record. */
    public void createReplicatedTopic(String name) {
        get(admin.createTopics(List.of(new NewTopic(name, 1, (short) SIZE)
                .configs(Map.of("min.insync.replicas", "2")))).all());
    }

    /** The node id (1..3) of the broker that leads the topic's partition. */
    public int leaderOf(String topic) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().get(0).leader().id();
    }

    /** The brokers in the partition's in-sync replica set. */
    public int inSyncReplicas(String topic) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().get(0).isr().size();
    }

    /** SIGKILL of one node: no shutdown, no handing over of its partitions. */
    public void kill(int nodeId) {
        Process node = nodes[nodeId - 1];
        node.destroyForcibly();
        try {
            node.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Brokers the cluster lists as alive. */
    public int brokers() {
        try {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path logs() {
        return dir;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
        for (Process node : nodes) {
            if (node != null) {
                node.destroyForcibly();
            }
        }
        for (Process node : nodes) {
            if (node != null) {
                try {
                    node.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
