package org.iterwatch.bot;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.iterwatch.bot.alerts.HeartbeatWatchdog;
import org.iterwatch.bot.alerts.MonitorNotices;
import org.iterwatch.bot.alerts.TelegramAlertSender;
import org.iterwatch.bot.board.StatusBoards;
import org.iterwatch.bot.charts.BoardMessages;
import org.iterwatch.bot.charts.PinnedMessages;
import org.iterwatch.bot.chat.Access;
import org.iterwatch.bot.chat.AlertCommands;
import org.iterwatch.bot.chat.ChatExecutor;
import org.iterwatch.bot.chat.CommandMenus;
import org.iterwatch.bot.chat.CommandTable;
import org.iterwatch.bot.chat.Commands;
import org.iterwatch.bot.chat.MonitorCommands;
import org.iterwatch.bot.chat.OverviewCommands;
import org.iterwatch.bot.chat.PeopleCommands;
import org.iterwatch.bot.chat.SettingCommands;
import org.iterwatch.bot.chat.Presses;
import org.iterwatch.bot.chat.UpdateLoop;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.bot.digest.Digests;
import org.iterwatch.bot.demo.DemoCommand;
import org.iterwatch.bot.delivery.ChatMigrations;
import org.iterwatch.bot.delivery.Delivery;
import org.iterwatch.bot.delivery.DeliveryMetrics;
import org.iterwatch.bot.delivery.Pacer;
import org.iterwatch.bot.exec.ExecCommand;
import org.iterwatch.bot.ha.Election;
import org.iterwatch.bot.ha.InstanceRole;
import org.iterwatch.bot.ingress.EventsConsumer;
import org.iterwatch.bot.ingress.EventsServer;
import org.iterwatch.bot.kafka.EmbeddedKafka;
import org.iterwatch.bot.kafka.TopicCommand;
import org.iterwatch.bot.storage.DatabasePool;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.bot.telegram.BotApiGateway;
import org.iterwatch.bot.telegram.BotSetup;
import org.iterwatch.bot.telegram.DocumentSender;
import org.iterwatch.bot.telegram.TelegramFailure;
import org.iterwatch.bot.telegram.TelegramGateway;
import org.iterwatch.bot.telegram.TelegramPolling;
import org.iterwatch.bot.telegram.UpdateMark;
import org.iterwatch.config.ConfigException;
import org.iterwatch.config.ConfigLoader;
import org.iterwatch.config.Fence;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.config.IterwatchException;
import org.iterwatch.config.Secret;
import org.iterwatch.monitor.ChartMessages;
import org.iterwatch.monitor.MonitorSchema;
import org.iterwatch.monitor.MonitorService;
import org.iterwatch.render.ChartRenderer;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.ChatSettings;
import org.iterwatch.subscription.Role;
import org.iterwatch.subscription.TopicProgress;
import org.iterwatch.subscription.Audit;
import org.iterwatch.subscription.People;
import org.iterwatch.subscription.SubscriptionSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The process: reads the configuration and wires every part by hand, in one place. */
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
        createDataDir(config.storage().dataDir());
        String bootstrap = config.kafka().bootstrapServers();
        if (config.kafka().embedded()) {
            EmbeddedKafka broker = process.closeLater("embedded Kafka", EmbeddedKafka.start(config.embeddedKafkaDir(),
                    config.kafka().embeddedPort(), config.monitors().maxRecordBytes()));
            bootstrap = broker.bootstrapServers();
            writePort(config.storage().dataDir().resolve("kafka.port"), broker.port());
        }
        // Only the H2 file and the embedded broker live on the local disk; an external database and broker don't.
        StorageHealth health = new StorageHealth(Clock.systemUTC(),
                config.storage().databaseUrl() == null || config.kafka().embedded() ? config.storage().dataDir() : null);
        HikariDataSource dataSource = process.closeLater("database pool", DatabasePool.open(h2Url(config.databaseUrl()),
                config.storage().databaseUser(), config.storage().databasePassword().reveal(), health));
        MonitorSchema.migrate(dataSource);
        BotSchema.migrate(dataSource);
        SubscriptionSchema.migrate(dataSource);
        health.watch(dataSource);
        process.add("storage health", health);

        // On a shared PostgreSQL the instances elect one active; on H2 the one instance always is.
        Election election = config.storage().shared()
                ? new Election(dataSource, InstanceRole.name(config.storage()), config.storage().lease()) : null;
        Fence fence = election != null ? election : Fence.OPEN;
        String token = config.telegram().token().reveal();
        TelegramGateway api = new BotApiGateway(token, config.telegram().apiUrl(), fence);
        String username = checkToken(api);
        ChatBook chatBook = new ChatBook(dataSource);
        Metrics metrics = new Metrics();
        DeliveryMetrics deliveryMetrics = new DeliveryMetrics();
        metrics.delivery(deliveryMetrics);
        Delivery delivery = new Delivery(api, new Pacer(config.delivery()), chatBook, config.telegram().admins(),
                deliveryMetrics);
        People people = new People(dataSource, config.telegram().admins(), Clock.systemUTC());
        // Start and Stop under a chart only where people may press them: operators' private chats and the groups.
        PinnedMessages pinned = new PinnedMessages(delivery, chatBook, new ChartMessages(dataSource)::shown,
                chat -> chat < 0 || people.role(chat).filter(r -> r.allows(Role.OPERATOR)).isPresent());
        // Alerts quote what the monitors know of a topic, and monitors ask the alerts whether a run ended: the
        // monitors are made second, so the alerts reach them through this reference.
        AtomicReference<MonitorService> monitorsLater = new AtomicReference<>();
        Alerts alerts = new Alerts(dataSource, new TelegramAlertSender(api, delivery,
                (topic, chat) -> monitorsLater.get().chartMessage(topic, chat)), Clock.systemUTC(),
                topic -> monitorsLater.get().lastKnown(topic).filter(l -> l.points() > 0 && l.lastRecord() != null)
                        .map(l -> new TopicProgress.Last(l.lastIteration(), l.lastRecord())), fence);
        StatusBoards boards = new StatusBoards(dataSource, pinned, config.board().period(), Clock.systemUTC());
        MonitorService monitors = new MonitorService(dataSource, bootstrap, config.monitors(), new ChartRenderer(), boards,
                new MonitorNotices(alerts), alerts::runEnded, health::failed);
        monitorsLater.set(monitors);
        boards.wire(monitors, new BoardMessages(delivery, boards::shown));
        health.onRecovery(monitors::restartScheduler);
        Digests digests = new Digests(dataSource, alerts, boards, monitors, delivery, api, Clock.systemUTC());
        boards.onStateChanges(digests);
        process.closeLater("digest scheduler", digests);
        // The chart slots move first: a tick that reads the moved rows must find its slot under the new id, not
        // make a second one that sends a second chart.
        ChatMigrations migrations = new ChatMigrations(chatBook, List.of(pinned, monitors::moveChat, alerts::moveChat, boards,
                digests));
        delivery.onChatMoved(migrations);
        // Added before the active side, so stopped after it: what its last handlers refuse is still written,
        // and Quartz shuts down only once no monitor runs.
        Audit audit = process.add("audit", new Audit(dataSource, Clock.systemUTC()));
        process.closeLater("monitor scheduler", monitors);

        Lifecycle active = process.group("active");
        if (election != null) {
            // Still empty: from now on its parts wait for the election to start them.
            active.stop();
        }
        active.add("Telegram delivery", delivery);
        active.add("alert outbox", alerts.outbox());
        active.add("heartbeat watch", new HeartbeatWatchdog(alerts, health));
        EventsConsumer events = process.add("events consumer", new EventsConsumer(bootstrap,
                "iterwatch-events-" + Integer.toHexString(config.databaseUrl().hashCode()), alerts));
        metrics.events(events);
        metrics.alertsAndMonitors(alerts, monitors);
        InstanceRole role = election != null ? InstanceRole.of(election) : InstanceRole.alone(InstanceRole.name(config.storage()));
        metrics.role(role);
        startHttp(config, process, alerts, metrics, events, health, role);

        if (election != null) {
            active.add("shared state", new SharedState(people, chatBook, pinned));
        }
        Access access = new Access(people, config.telegram().groups(), chatBook, audit, delivery, Clock.systemUTC());
        AlertCommands alertCommands = new AlertCommands(alerts, events, people);
        ChatSettings chatSettings = new ChatSettings(dataSource);
        OverviewCommands overview = new OverviewCommands(boards, digests);
        CommandMenus menus = new CommandMenus(api, people, config.telegram().groups());
        CommandTable table = new CommandTable(new MonitorCommands(monitors, delivery,
                new DocumentSender(token, config.telegram().apiUrl(), fence), alertCommands, pinned, chatSettings), alertCommands,
                new PeopleCommands(people, alerts, monitors, audit, menus), new SettingCommands(chatSettings), overview);
        Commands commands = new Commands(api, delivery, access, table);
        Presses presses = new Presses(delivery, monitors, access, alertCommands, overview);
        active.add("bot setup", new BotSetup(api));
        menus.use(table);
        active.add("command menus", menus);
        active.add("monitors", monitors);
        active.add("status boards", boards);
        active.add("daily digests", digests);
        ChatExecutor chats = active.add("command handling", new ChatExecutor());
        UpdateLoop updates = new UpdateLoop(commands, presses, chats, migrations, people);
        active.add("Telegram polling", new TelegramPolling(token, config.telegram().apiUrl(),
                config.telegram().pollTimeout(), new UpdateMark(dataSource), updates::accept, fence));
        if (election != null) {
            election.governs(active::start, active::stop);
            process.add("election", election);
        }
        if (config.telegram().admins().isEmpty()) {
            LOG.warn("no admins configured: everyone is refused. Message the bot to learn your id, then set ITERWATCH_ADMINS");
        }
        LOG.info("iterwatch is running as @{}: Kafka at {}, database {}, {} monitors{}", username, bootstrap,
                DatabasePool.forLog(config.databaseUrl()), monitors.list().size(),
                election != null ? "; instance " + election.instanceName() + ", standby until elected" : "");
        LOG.debug("threads: {}", process.threads());
        return active;
    }

    /** The solvers' way in: the events API (with /healthz and /metrics), up whether or not this instance is active. */
    private static void startHttp(IterwatchConfig config, Lifecycle process, Alerts alerts, Metrics metrics,
                                  EventsConsumer events, StorageHealth health, InstanceRole role) {
        EventsServer http = new EventsServer(config.http(), config.api(), alerts, metrics.registry(), events::skipped,
                health, role);
        http.start(config.storage().dataDir().resolve("http.port"));
        process.closeLater("HTTP server", http);
        if (config.api().tokens().isEmpty()) {
            LOG.warn("no API tokens configured: the events API refuses everything. Set ITERWATCH_API_TOKENS");
        }
    }

    /** Learns the bot's name; a refused token ends start-up, an unreachable Telegram is waited for. */
    private static String checkToken(TelegramGateway api) {
        long backoffMillis = 1000;
        while (true) {
            try {
                return api.botUsername();
            } catch (TelegramFailure e) {
                if (e.kind() != TelegramFailure.Kind.TRANSIENT) {
                    throw new ConfigException("telegram.token: Telegram does not accept this token (" + e.getMessage()
                            + "); check it with @BotFather");
                }
                LOG.warn("Telegram Bot API not reachable ({}); trying again in {} s", rootCause(e), backoffMillis / 1000);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted during start-up", e);
        }
    }

    static String h2Url(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        // A thread interrupted while H2 writes through a plain FileChannel closes the channel, and with it
        // the whole database (ClosedByInterruptException); shutdown interrupts busy workers. H2's "async:"
        // file system is immune, and reads the same files.
        String safe = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:async:" + url.substring("jdbc:h2:file:".length()) : url;
        // We close the database ourselves after Quartz has stopped, not from H2's own shutdown hook.
        if (!safe.contains("DB_CLOSE_ON_EXIT")) {
            safe += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        // H2 writes commits to its file up to 500 ms late by default: a kill -9 would lose accepted alerts.
        if (safe.startsWith("jdbc:h2:async:") && !safe.contains("WRITE_DELAY")) {
            safe += ";WRITE_DELAY=0";
        }
        return safe;
    }

    /** So that scripts (and tests) find a port 0 choice, like data/http.port. */
    private static void writePort(Path file, int port) {
        try {
            Files.writeString(file, String.valueOf(port));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.toString());
        }
    }

    private static void createDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("storage.dataDir: cannot create " + dir + ": " + e.getMessage());
        }
    }
}
