package org.iterwatch.e2e.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.telegram.FakeTelegram;

/**
 * One iterwatch installation of a test, as {@link IterwatchExtension} makes it: a temp dir of its own, a fake
 * Telegram on a free port, the Kafka broker it reads, the iterwatch process (free HTTP port) and the view
 * of its chats. Closing it kills the process (checking that no token showed in its output), stops the fake,
 * a private broker too, and deletes the dir unless {@link #keepFiles()} was called or something failed.
 */
public final class Installation implements AutoCloseable {
    private final IterwatchExtension.Settings settings;
    private final Path dir;
    private final KafkaBroker kafka;
    private final boolean ownsKafka;
    private final FakeTelegram telegram;
    private final Iterwatch iterwatch;
    private final ChatView chat;
    private final SharedPostgres.Database database;
    private Iterwatch second;
    private boolean keepFiles;

    private Installation(IterwatchExtension.Settings settings, Path dir, KafkaBroker kafka, boolean ownsKafka) {
        this.settings = settings;
        this.dir = dir;
        this.kafka = kafka;
        this.ownsKafka = ownsKafka;
        this.telegram = FakeTelegram.start();
        this.chat = new ChatView(telegram);
        this.iterwatch = kafka == null ? Iterwatch.withEmbeddedKafka(dir, telegram, settings.admins())
                : new Iterwatch(dir, telegram, kafka, settings.admins());
        this.database = settings.postgres() ? SharedPostgres.freshDatabase() : null;
        configure(iterwatch, "a");
    }

    private void configure(Iterwatch instance, String name) {
        if (settings.groups().length > 0) {
            instance.groups(settings.groups());
        }
        settings.yaml().forEach(instance::configure);
        settings.environment().forEach(instance::environment);
        if (database != null) {
            instance.environment("ITERWATCH_DATABASE_URL", database.url())
                    .environment("ITERWATCH_DATABASE_USER", database.user())
                    .environment("ITERWATCH_DATABASE_PASSWORD", database.password())
                    .environment("ITERWATCH_INSTANCE_NAME", name);
        }
    }

    /**
     * A second iterwatch (named "b"; the first is "a") on the same PostgreSQL database, fake Telegram and broker,
     * with a data dir of its own and its own token of the same bot ({@link FakeTelegram#secondToken()}), so the
     * fake's calls tell the two apart. Not started; closed with the installation.
     */
    public Iterwatch secondInstance() {
        if (database == null) {
            throw new IllegalStateException("two instances share a database only on PostgreSQL: use onPostgres()");
        }
        if (second == null) {
            Path secondDir = dir.resolve("second");
            try {
                Files.createDirectories(secondDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            second = new Iterwatch(secondDir, telegram, kafka, settings.admins());
            configure(second, "b");
            second.environment("TELEGRAM_BOT_TOKEN", telegram.secondToken());
        }
        return second;
    }

    /**
     * Makes one with these settings on {@code sharedKafka} (or a broker of its own, or iterwatch's embedded one),
     * started when they say so.
     */
    static Installation create(IterwatchExtension.Settings settings, Supplier<KafkaBroker> sharedKafka, String name) {
        Installation installation = switch (settings.broker()) {
            case SHARED -> new Installation(settings, tempDir(name), sharedKafka.get(), false);
            case EMBEDDED -> new Installation(settings, tempDir(name), null, false);
            case PRIVATE -> withPrivateBroker(settings, name);
        };
        return installation.startIfAsked();
    }

    private static Installation withPrivateBroker(IterwatchExtension.Settings settings, String name) {
        KafkaBroker own = KafkaBroker.startPrivate();
        try {
            return new Installation(settings, tempDir(name), own, true);
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    /** A second installation with the same settings on the same broker, for tests that compare two; the caller closes it. */
    public Installation another() {
        return new Installation(settings, tempDir(dir.getFileName() + "-another"), kafka, false).startIfAsked();
    }

    /** Starts iterwatch when the settings say so; when it cannot start, closes all and keeps the files to read. */
    private Installation startIfAsked() {
        if (!settings.startAtOnce()) {
            return this;
        }
        try {
            iterwatch.start();
            return this;
        } catch (RuntimeException | Error e) {
            keepFiles();
            try {
                close();
            } catch (RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public Iterwatch iterwatch() {
        return iterwatch;
    }

    public FakeTelegram telegram() {
        return telegram;
    }

    public KafkaBroker kafka() {
        if (kafka == null) {
            throw new IllegalStateException("this iterwatch runs its own embedded broker (embeddedKafka()): "
                    + "iterwatch.embeddedKafka() says where it listens");
        }
        return kafka;
    }

    public ChatView chat() {
        return chat;
    }

    /** Its own files: config, logs ({@code iterwatch-N.log}, one a run), data dir. */
    public Path dir() {
        return dir;
    }

    /** Leaves the dir in place when closing, for reading the logs of a failed test. */
    public void keepFiles() {
        keepFiles = true;
    }

    /** Closes every part even when one fails; the files stay when anything failed (e.g. a token in the output). */
    @Override
    public void close() {
        List<Throwable> failures = new ArrayList<>();
        if (second != null) {
            closeCollecting(second, failures);
        }
        closeCollecting(iterwatch, failures);
        if (database != null) {
            closeCollecting(() -> SharedPostgres.drop(database), failures);
        }
        closeCollecting(telegram, failures);
        if (ownsKafka) {
            closeCollecting(kafka, failures);
        }
        if (failures.isEmpty() && !keepFiles) {
            closeCollecting(this::deleteFiles, failures);
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof RuntimeException e) {
                throw e;
            }
            if (first instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(first);
        }
    }

    private static void closeCollecting(AutoCloseable part, List<Throwable> failures) {
        try {
            part.close();
        } catch (Exception | Error e) {
            failures.add(e);
        }
    }

    private void deleteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("iterwatch-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
