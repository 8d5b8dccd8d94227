package org.iterwatch.e2e.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh iterwatch {@link Installation} (as jdbi's JdbiExtension gives a database): the
 * fake Telegram, the iterwatch process in a temp dir of its own with free ports, the JVM's shared Kafka
 * broker, and a {@link ChatView}. Tests and their {@code @BeforeEach}/{@code @AfterEach} methods take the
 * parts as parameters: {@link Iterwatch}, {@link FakeTelegram}, {@link KafkaBroker}, {@link ChatView},
 * {@link Installation}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).groups(GROUP);
 *
 * &#64;Test
 * void x(Iterwatch iterwatch, KafkaBroker kafka, ChatView chat) { ... }
 * </pre>
 *
 * After each test everything is closed and the process's output checked for tokens; a failed test's
 * files (config, {@code iterwatch-N.log}, data) are kept and their dir named in the test's output.
 */
public final class IterwatchExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {
    /**
     * For tests that are not about pacing (that has tests of its own): Telegram's one message a second per
     * chat (20 a minute per group) would make each answer, alert or chart wait for the one before.
     */
    public static final String QUICK_CHATS = """
            delivery:
              privateChatPerSecond: 20
              groupPerMinute: 1200
            """;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IterwatchExtension.class);
    private static final Set<Class<?>> PARTS = Set.of(Installation.class, Iterwatch.class, FakeTelegram.class,
            KafkaBroker.class, ChatView.class);

    private final long[] admins;
    private long[] groups = {};
    private final List<String> yaml = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean startAtOnce = true;
    private boolean perClass;
    private Broker broker = Broker.SHARED;
    private boolean postgres;

    /** What an installation is made of; {@link Installation} reads it. */
    record Settings(long[] admins, long[] groups, List<String> yaml, Map<String, String> environment,
                    boolean startAtOnce, Broker broker, boolean postgres) {
    }

    /** The Kafka broker iterwatch reads: the JVM's shared one, one of the installation's own, or its own embedded one. */
    enum Broker {
        SHARED, PRIVATE, EMBEDDED
    }

    private IterwatchExtension(long[] admins) {
        this.admins = admins.clone();
    }

    /** An installation whose telegram.admins are these users. */
    public static IterwatchExtension withAdmins(long... admins) {
        return new IterwatchExtension(admins);
    }

    /** The group chats it serves (telegram.groups). */
    public IterwatchExtension groups(long... chatIds) {
        groups = chatIds.clone();
        return this;
    }

    /** YAML laid over the test defaults (see {@link Iterwatch#configure(String)}); may be given more than once. */
    public IterwatchExtension configure(String yaml) {
        this.yaml.add(yaml);
        return this;
    }

    /** An environment variable of the process (null: without it). */
    public IterwatchExtension environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Leaves starting to the test ({@code iterwatch.start()}), e.g. after it wrote records or changed the config. */
    public IterwatchExtension notStarted() {
        startAtOnce = false;
        return this;
    }

    /**
     * One installation for all tests of the class instead of one each, saving a start per test. Only for
     * tests that leave nothing behind that another could trip over (each its own topics, solvers, chats).
     */
    public IterwatchExtension perClass() {
        perClass = true;
        return this;
    }

    /**
     * On a fresh PostgreSQL database of its own (the JVM's embedded server) instead of H2, with a user and password
     * from the environment; {@link Installation#secondInstance()} then gives a second iterwatch on the same database.
     */
    public IterwatchExtension onPostgres() {
        postgres = true;
        return this;
    }

    /** A Kafka broker of its own, for tests that stop the broker or read a topic from its beginning. */
    public IterwatchExtension privateBroker() {
        broker = Broker.PRIVATE;
        return this;
    }

    /**
     * Without KAFKA_BOOTSTRAP_SERVERS, so that iterwatch runs its own embedded broker (on a free port, see
     * {@link Iterwatch#embeddedKafka()}), as where no Kafka is installed. There is no {@link KafkaBroker} part then.
     */
    public IterwatchExtension embeddedKafka() {
        broker = Broker.EMBEDDED;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            open(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close(context);
        } else if (context.getExecutionException().isPresent()) {
            keepFiles(context, context.getStore(NAMESPACE).get(Installation.class, Installation.class));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            close(context);
        }
    }

    private void open(ExtensionContext context) {
        Settings settings = new Settings(admins, groups, List.copyOf(yaml), new LinkedHashMap<>(environment),
                startAtOnce, broker, postgres);
        String name = context.getRequiredTestClass().getSimpleName();
        context.getStore(NAMESPACE).put(Installation.class,
                Installation.create(settings, () -> KafkaBroker.shared(context), name));
    }

    private void close(ExtensionContext context) {
        Installation installation = context.getStore(NAMESPACE).remove(Installation.class, Installation.class);
        if (installation == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            keepFiles(context, installation);
        }
        installation.close();
    }

    private static void keepFiles(ExtensionContext context, Installation installation) {
        if (installation != null) {
            installation.keepFiles();
            // Into the test's output (surefire's *-output.txt), where whoever reads the failure looks.
            System.out.println("iterwatch files of " + context.getDisplayName() + " kept in " + installation.dir());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARTS.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Installation installation = context.getStore(NAMESPACE).get(Installation.class, Installation.class);
        if (installation == null) {
            throw new IllegalStateException("no iterwatch installation here: parts are given to tests and to "
                    + "@BeforeEach/@AfterEach methods (@BeforeAll too with perClass())");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == Iterwatch.class) {
            return installation.iterwatch();
        }
        if (type == FakeTelegram.class) {
            return installation.telegram();
        }
        if (type == KafkaBroker.class) {
            return installation.kafka();
        }
        if (type == ChatView.class) {
            return installation.chat();
        }
        return installation;
    }
}
