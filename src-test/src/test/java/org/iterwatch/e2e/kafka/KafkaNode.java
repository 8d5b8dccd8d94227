package org.iterwatch.e2e.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * One node of a {@link KafkaCluster}, in a JVM of its own so that it can die like a real broker (SIGKILL):
 * Apache Kafka's own KRaft server, broker and controller combined, one of three static voters.
 *
 * <p>Arguments: node id, data dir, client port, controller port, voters ({@code 1@host:port,...}), cluster id.
 */
public final class KafkaNode {
    static final String READY = "kafka node ready";
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER = "CONTROLLER";

    private KafkaNode() {
    }

    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        if (!Files.exists(dir.resolve("meta.properties"))) {
            Files.createDirectories(dir);
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId).setClusterId(args[5]).setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(dir.toString()).addDirectory(dir.toString())
                    .setHasDynamicQuorum(false).setWriteBootstrapSnapshot(true).run();
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(settings(nodeId, dir, args[2], args[3], args[4]), false),
                Time.SYSTEM);
        server.startup();
        System.out.println(READY);
        System.out.flush();
        server.awaitShutdown();
    }

    private static Map<String, String> settings(int nodeId, Path dir, String port, String controllerPort, String voters) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // What a production cluster of three runs: every record on three brokers, acknowledged by two.
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A dead broker is noticed after 3 s instead of 9, so the test stays short; nothing else changes.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        return p;
    }
}
