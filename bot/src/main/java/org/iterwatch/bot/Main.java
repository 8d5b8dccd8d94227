package org.iterwatch.bot;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.iterwatch.bot.demo.DemoCommand;
import org.iterwatch.bot.exec.ExecCommand;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.bot.kafka.TopicCommand;
import org.iterwatch.bot.storage.DatabasePool;
import org.iterwatch.config.ConfigException;
import org.iterwatch.config.ConfigLoader;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.config.Secret;
import org.iterwatch.subscription.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The process: reads the configuration and wires every part by hand, step by step, each step a wiring class of
 * this package (storage, HA, Telegram and delivery, monitors and charts, alerts and ingress, chats).
 */
@Command(name = "iterwatch", mixinStandardHelpOptions = true, version = "iterwatch 0.1.0", subcommands = {ExecCommand.class, TopicCommand.class, DemoCommand.class},
        description = "Telegram-first control plane for long-running iterative computations.%n"
                + "Configuration: an optional YAML file plus environment variables (see README).")
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file (default: $ITERWATCH_CONFIG)")
    private Path configFile;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // The default handler prints straight to stderr, past the masking of tokens in our log.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught in thread {}", thread.getName(), e));
        SecretMask.register(Stream.of(System.getenv().getOrDefault("TELEGRAM_BOT_TOKEN", ""),
                System.getenv().getOrDefault("ITERWATCH_API_TOKENS", ""),
                System.getenv().getOrDefault("ITERWATCH_DATABASE_PASSWORD", "")).flatMap(v -> Stream.of(v.split("[,\\s]+"))).toList());
        IterwatchConfig config;
        try {
            config = new ConfigLoader().load(configFile(), System.getenv());
        } catch (ConfigException e) {
            printError(e);
            return 2;
        }
        SecretMask.register(Stream.concat(Stream.of(config.telegram().token(), config.storage().databasePassword()),
                        config.api().tokens().stream())
                .map(Secret::reveal).toList());
        Lifecycle process = Lifecycle.process();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.stop();
            stopped.countDown();
        }, "shutdown"));
        try {
            wire(config, process);
        } catch (ConfigException e) {
            printError(e);
            process.stop();
            return 2;
        } catch (IterwatchException e) {
            printError(e);
            LOG.error("start-up failed", e);
            process.stop();
            return 1;
        }
        stopped.await();
        return 0;
    }

    private static void printError(RuntimeException e) {
        System.err.println("iterwatch: " + SecretMask.apply(e.getMessage()));
    }

    private Path configFile() {
        if (configFile != null) {
            return configFile;
        }
        String fromEnv = System.getenv("ITERWATCH_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    /** Starts one instance in this process, e.g. for a test that stops and starts its active side. */
    public static Instance start(IterwatchConfig config) {
        Lifecycle process = Lifecycle.process();
        try {
            return new Instance(process, wire(config, process));
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
    }

    /**
     * Every part, in the order it starts; shutdown goes in reverse. The active side (Telegram polling, the
     * delivery engine, monitors, the alert outbox, the heartbeat watch, command handling) is a group of its
     * own that can stop and start again while the HTTP API, the database and the broker stay up.
     */
    static Lifecycle wire(IterwatchConfig config, Lifecycle process) {
        StorageWiring storage = StorageWiring.wire(config, process);
        HaWiring ha = HaWiring.wire(config, storage.dataSource());
        Metrics metrics = new Metrics();
        TelegramWiring telegram = TelegramWiring.wire(config, storage.dataSource(), ha.fence(), metrics);
        People people = new People(storage.dataSource(), config.telegram().admins(), Clock.systemUTC());
        MonitorWiring monitoring = MonitorWiring.wire(config, storage, telegram, people, ha.fence(), process);

        Lifecycle active = ha.activeGroup(process);
        active.add("Telegram delivery", telegram.delivery());
        EventsConsumer events = AlertWiring.wire(config, storage, monitoring, metrics, ha.role(), process, active);
        ha.rereadOnActivation(active, people, telegram.chatBook(), monitoring.pinned());
        ChatWiring chat = ChatWiring.wire(config, storage.dataSource(), telegram, monitoring, people, events);
        chat.setUpBot(active, telegram);
        monitoring.startIn(active);
        chat.listen(active, telegram, monitoring.migrations(), storage.dataSource());
        ha.govern(process, active);

        if (config.telegram().admins().isEmpty()) {
            LOG.warn("no admins configured: everyone is refused. Message the bot to learn your id, then set ITERWATCH_ADMINS");
        }
        LOG.info("iterwatch is running as @{}: Kafka at {}, database {}, {} monitors{}", telegram.username(),
                storage.kafka(), DatabasePool.forLog(config.databaseUrl()), monitoring.monitors().list().size(),
                ha.standbyNote());
        LOG.debug("threads: {}", process.threads());
        return active;
    }
}
