package org.iterwatch.bot.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.iterwatch.config.IterwatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * so iterwatch works on a bare machine without an external Kafka.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Room beside a record's value for its key, headers and batch framing. */
    public static final int RECORD_OVERHEAD = 64 * 1024;
    /** Kafka's own default of socket.request.max.bytes. */
    private static final int DEFAULT_REQUEST_BYTES = 100 * 1024 * 1024;
    /**
     * The exit status when the broker gives up (EX_TEMPFAIL: try again later). A single broker whose data
     * directory failed (a full disk) cannot take it back while it runs; a new process can, once there is space.
     */
    public static final int EXIT_BROKER_FAILED = 75;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final int port;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
        this.bootstrapServers = HOST + ":" + port;
    }

    /**
     * Starts the broker and returns once it serves requests. Storage under {@code dataDir} is
     * formatted on first use only, so a restart keeps topics and records.
     *
     * @param port           the client port on 127.0.0.1; 0 picks a free one
     * @param maxRecordBytes the largest record value it must accept (monitors.maxRecordBytes)
     */
    public static EmbeddedKafka start(Path dataDir, int port, int maxRecordBytes) {
        return start(dataDir, port, maxRecordBytes, true);
    }

    /**
     * @param createTopicsOnFirstWrite Kafka's own default (auto.create.topics.enable): a solver's first write
     *                                 creates its topic, so a newcomer needs no Kafka tools. Only clients that
     *                                 ask for it create topics: producers do, iterwatch's readers and its
     *                                 existence checks (admin requests) never do, so /add still refuses a
     *                                 topic nobody wrote to. False stands for a cluster whose topics an
     *                                 administrator creates.
     */
    public static EmbeddedKafka start(Path dataDir, int port, int maxRecordBytes, boolean createTopicsOnFirstWrite) {
        long started = System.nanoTime();
        int brokerPort = port == 0 ? freePort() : port;
        Map<String, String> settings = settings(dataDir, brokerPort, freePort());
        settings.put("auto.create.topics.enable", Boolean.toString(createTopicsOnFirstWrite));
        settings.putAll(sizes(maxRecordBytes));
        KafkaConfig config = new KafkaConfig(settings, false);
        boolean fresh = !Files.exists(dataDir.resolve("meta.properties"));
        if (fresh) {
            format(dataDir);
        }
        haltWithAClearMessage(dataDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort);
        try {
            server.startup();
            kafka.awaitReady();
            LOG.info("Embedded Kafka ready on {} in {} ms ({} storage in {})", kafka.bootstrapServers,
                    (System.nanoTime() - started) / 1_000_000, fresh ? "new" : "existing", dataDir);
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw new IterwatchException("embedded Kafka did not start on " + kafka.bootstrapServers
                    + " with data in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kafka halts the JVM (no shutdown hooks) when its log directory fails, e.g. on a full disk, with
     * status 1 and a line that names no way out. The halt stays (a clean shutdown could hang on the
     * broker's own threads); it says what happened and exits with {@link #EXIT_BROKER_FAILED}, so a
     * service manager (systemd {@code Restart=always}) starts iterwatch again.
     */
    private static void haltWithAClearMessage(Path dataDir) {
        Exit.setHaltProcedure((status, message) -> {
            LOG.error("the embedded Kafka broker gave up{}: its data directory {} failed, e.g. the disk is full "
                    + "(Kafka's error is above). iterwatch exits with status {} so that its service manager starts it "
                    + "again; free space there if it is full. Accepted alerts are stored and delivered after the restart",
                    message == null ? "" : " (" + message + ")", dataDir, EXIT_BROKER_FAILED);
            Runtime.getRuntime().halt(EXIT_BROKER_FAILED);
        });
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The port it listens on, also when it was started with port 0. */
    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    private static Map<String, String> settings(Path dataDir, int brokerPort, int controllerPort) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // Static voters: a one-node quorum needs no dynamic membership, and the
        // controller port may then change from one start to the next.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /**
     * Records as large as iterwatch reads (Kafka's default stops at about 1 MB). message.max.bytes is also
     * the default of every topic's max.message.bytes, so topics the solvers create take it too. There are
     * no followers, so replica.fetch.max.bytes does not matter.
     */
    private static Map<String, String> sizes(int maxRecordBytes) {
        int batch = maxRecordBytes + RECORD_OVERHEAD;
        return Map.of("message.max.bytes", Integer.toString(batch),
                "socket.request.max.bytes", Integer.toString(Math.max(DEFAULT_REQUEST_BYTES, batch + RECORD_OVERHEAD)));
    }

    private static void format(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            String dir = dataDir.toAbsolutePath().toString();
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir)
                    .addDirectory(dir)
                    .setHasDynamicQuorum(false)
                    .setWriteBootstrapSnapshot(true);
            formatter.run();
        } catch (Exception e) {
            throw new IterwatchException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                Exception last = null;
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IterwatchException("embedded Kafka not ready after " + READY_TIMEOUT, last);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted while waiting for embedded Kafka", e);
        }
    }

    // The static voter set must name the controller port before the server binds it, so ports are
    // chosen here rather than by binding port 0 (the brief gap before the server binds is accepted).
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IterwatchException("no free port on " + HOST, e);
        }
    }
}
