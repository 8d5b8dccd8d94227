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
 * a private broker too, and deletes the dir unless {@link #keepFiles()} was called.
 */
public final class Installation implements AutoCloseable {
    private final IterwatchExtension.Settings settings;
    private final Path dir;
    private final KafkaBroker kafka;
    private final boolean ownsKafka;
    private final FakeTelegram telegram;
    private final Iterwatch iterwatch;
    private final ChatView chat;
    private boolean keepFiles;

    private Installation(IterwatchExtension.Settings settings, Path dir, KafkaBroker kafka, boolean ownsKafka) {
        this.settings = settings;
        this.dir = dir;
        this.kafka = kafka;
        this.ownsKafka = ownsKafka;
        this.telegram = FakeTelegram.start();
        this.chat = new ChatView(telegram);
        this.iterwatch = new Iterwatch(dir, telegram, kafka, settings.admins());
        if (settings.groups().length > 0) {
            iterwatch.groups(settings.groups());
        }
        settings.yaml().forEach(iterwatch::configure);
        settings.environment().forEach(iterwatch::environment);
    }

    /** Makes one with these settings on {@code sharedKafka} (or a broker of its own), started when they say so. */
    static Installation create(IterwatchExtension.Settings settings, Supplier<KafkaBroker> sharedKafka, String name) {
        if (!settings.privateBroker()) {
            return create(settings, sharedKafka.get(), false, name);
        }
        KafkaBroker own = KafkaBroker.startPrivate();
        try {
            return create(settings, own, true, name);
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    private static Installation create(IterwatchExtension.Settings settings, KafkaBroker kafka, boolean ownsKafka,
                                       String name) {
        Installation installation = new Installation(settings, tempDir(name), kafka, ownsKafka);
        if (settings.startAtOnce()) {
            try {
                installation.iterwatch.start();
            } catch (RuntimeException | Error e) {
                installation.keepFiles();
                try {
                    installation.close();
                } catch (RuntimeException | Error closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
        return installation;
    }

    /** A second installation with the same settings on the same broker, for tests that compare two; the caller closes it. */
    public Installation another() {
        return create(settings, kafka, false, dir.getFileName() + "-another");
    }

    public Iterwatch iterwatch() {
        return iterwatch;
    }

    public FakeTelegram telegram() {
        return telegram;
    }

    public KafkaBroker kafka() {
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

    @Override
    public void close() {
        List<Throwable> failures = new ArrayList<>();
        for (AutoCloseable part : new AutoCloseable[] {iterwatch, telegram, ownsKafka ? kafka : () -> { }, this::deleteFiles}) {
            try {
                part.close();
            } catch (Exception | Error e) {
                failures.add(e);
            }
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

    private void deleteFiles() throws IOException {
        if (keepFiles) {
            return;
        }
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
