package org.iterwatch.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.Scrape;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: how far one active instance goes. {@code capacity.monitors} (500) running monitors spread over
 * {@code capacity.chats} (50) private chats, each topic receiving a 1 000-value batch every 2 s for
 * {@code capacity.seconds} (300), through the real process (production JVM flags, {@code -Xmx1g}) against the
 * fake Bot API enforcing Telegram's limits (30/s overall, 1/s per chat). Measured from outside: CPU time of the
 * iterwatch process (/proc), heap used (/metrics), charts drawn and sent per second (/metrics), 429s, and how
 * long after the last batch every chart shows its last data. The set-up (first charts and pins) runs with fast
 * pacing and the test JVM flags; the process is then restarted with the defaults for the measured run.
 *
 * <p>Run: {@code mvn -B -Pbench verify -pl src-test -am -Dtest=CapacityBenchmark}; a short run:
 * {@code -Dcapacity.monitors=50 -Dcapacity.seconds=30}; to see where the CPU goes:
 * {@code -Dcapacity.jvmFlags=-XX:StartFlightRecording=duration=100s,filename=/tmp/capacity.jfr,settings=profile}
 * (with a duration: the process is killed at the end, so the recording must end before).
 */
@Tag("benchmark")
@ExtendWith(KafkaBroker.Extension.class)
class CapacityBenchmark {
    static final int MONITORS = Integer.getInteger("capacity.monitors", 500);
    static final int CHATS = Integer.getInteger("capacity.chats", 50);
    static final Duration RUN = Duration.ofSeconds(Long.getLong("capacity.seconds", 300));
    static final int VALUES = 1_000;
    static final Duration BATCH_EVERY = Duration.ofSeconds(2);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    static final Duration SETUP = Duration.ofMinutes(10);
    static final long FIRST_USER = 8_000_001;
    /** Linux' USER_HZ: /proc reports CPU time in these ticks. */
    static final double TICKS_PER_SECOND = 100;

    final KafkaBroker kafka;
    @TempDir
    Path dir;

    CapacityBenchmark(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    private record Sample(long nanos, double cpuSeconds, double heapBytes, double drawn, double sent) {
    }

    @Test
    void oneInstanceUnderFiveHundredBusyMonitors() throws Exception {
        long[] users = IntStream.range(0, CHATS).mapToLong(i -> FIRST_USER + i).toArray();
        String prefix = KafkaBroker.uniqueTopic("capacity");
        List<String> topics = IntStream.range(0, MONITORS).mapToObj(i -> prefix + "." + i).toList();
        String values = IntStream.range(0, VALUES).mapToObj(j -> String.format(Locale.ROOT, "%.6f", Math.sin(j / 15.0)))
                .collect(Collectors.joining(","));
        try (FakeTelegram telegram = FakeTelegram.start(); Iterwatch iterwatch = new Iterwatch(dir, telegram, kafka, users);
             KafkaProducer<String, String> producer = producer()) {
            report("%s; %d monitors in %d chats, a %d-value batch every %d s each, for %d s; load average %.1f%n",
                    machine(), MONITORS, CHATS, VALUES, BATCH_EVERY.toSeconds(), RUN.toSeconds(), load());
            createTopics(topics);
            produceRound(producer, topics, 0, values);
            iterwatch.configure("delivery: {overallPerSecond: 300, privateChatPerSecond: 50}").start();
            for (int i = 0; i < MONITORS; i++) {
                long user = users[i % CHATS];
                telegram.userSends(user, "/add " + topics.get(i));
                telegram.userSends(user, "/start " + topics.get(i));
            }
            telegram.await(() -> telegram.calls("pinChatMessage").stream().filter(ApiCall::ok).count() == MONITORS,
                    SETUP, MONITORS + " charts pinned");
            Map<String, Long> chartOf = charts(telegram, topics, users);

            iterwatch.process().stop();
            iterwatch.configure("delivery: null").jvmFlags(measuredJvmFlags()).start();
            telegram.enforceLimits(30, 1, 20);
            long pid = iterwatch.process().pid();
            List<Sample> samples = new ArrayList<>();
            samples.add(sample(iterwatch, pid));
            long started = System.nanoTime();
            long nextSample = started + SAMPLE_EVERY.toNanos();
            int rounds = 0;
            while (System.nanoTime() - started < RUN.toNanos()) {
                long roundStart = System.nanoTime();
                produceRound(producer, topics, ++rounds, values);
                if (System.nanoTime() >= nextSample) {
                    samples.add(sample(iterwatch, pid));
                    nextSample += SAMPLE_EVERY.toNanos();
                }
                // The rhythm is the point: every topic gets its batch every 2 s.
                ChatView.letTimePass(Duration.ofNanos(Math.max(0, BATCH_EVERY.toNanos() - (System.nanoTime() - roundStart))));
            }
            samples.add(sample(iterwatch, pid));
            long lastBatch = System.nanoTime();
            String last = " \u2014 " + String.format(java.util.Locale.ROOT, "%,d", (long) (rounds + 1) * VALUES) + " points";
            ChatView chat = new ChatView(telegram);
            telegram.await(() -> topics.stream().allMatch(t -> chat.title(chatOf(t, topics, users), chartOf.get(t)).equals(t + last)),
                    SETUP, "every chart at its last batch");
            double caughtUp = (System.nanoTime() - lastBatch) / 1e9;
            Sample end = sample(iterwatch, pid);
            summarize(samples, end, rounds, caughtUp, telegram.tooManyRequestsCount());
            report("heap used after a full GC at the end (what the monitors hold): %.0f MB%n", liveHeapBytes(iterwatch, pid) / 1e6);
            report("the biggest classes on the heap then:%n%s", biggestClasses(pid));

            // 429s are counted and reported against the goal (0), not asserted, like the CPU: the fake shares its JVM
            // with the broker, and a pause there bunches arrivals it then counts (2 in 8 481 sends in one quiet run, 0
            // in another). That each was obeyed and cost nothing shows above: every chart reached its last batch.
            // At most one chart per chat drawn and not yet confirmed when /metrics was read.
            assertThat(end.drawn()).as("charts drawn").isLessThanOrEqualTo(end.sent() + CHATS);
        }
    }

    /** Production's heap bound, and whatever {@code capacity.jvmFlags} adds (e.g. a flight recording to profile). */
    private static String[] measuredJvmFlags() {
        String extra = System.getProperty("capacity.jvmFlags", "").strip();
        return extra.isEmpty() ? new String[] {"-Xmx1g"} : (("-Xmx1g " + extra).split("\\s+"));
    }

    private void summarize(List<Sample> samples, Sample end, int rounds, double caughtUp, int tooMany) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        double maxCores = 0;
        double maxHeap = 0;
        report("%n  t (s)  cores  heap MB  drawn/s  sent/s%n");
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            double dt = (b.nanos() - a.nanos()) / 1e9;
            double cores = (b.cpuSeconds() - a.cpuSeconds()) / dt;
            maxCores = Math.max(maxCores, cores);
            maxHeap = Math.max(maxHeap, b.heapBytes());
            report("  %5.0f  %5.2f  %7.0f  %7.1f  %6.1f%n", (b.nanos() - first.nanos()) / 1e9, cores, b.heapBytes() / 1e6,
                    (b.drawn() - a.drawn()) / dt, (b.sent() - a.sent()) / dt);
        }
        report("%nover %.0f s (%d rounds of %d batches): CPU %.2f cores on average, %.2f in the busiest %d s;%n", seconds,
                rounds, MONITORS, (last.cpuSeconds() - first.cpuSeconds()) / seconds, maxCores, SAMPLE_EVERY.toSeconds());
        report("heap used at most %.0f MB (-Xmx1g); charts drawn %.1f/s, sent %.1f/s (drawn %.0f, sent %.0f in all, "
                + "end included); 429s: %d;%n", maxHeap / 1e6, (last.drawn() - first.drawn()) / seconds,
                (last.sent() - first.sent()) / seconds, end.drawn(), end.sent(), tooMany);
        report("every chart showed its last batch %.1f s after it was produced; load average %.1f at the end%n",
                caughtUp, load());
    }

    private static Sample sample(Iterwatch iterwatch, long pid) {
        Map<String, Double> m = Scrape.metrics(iterwatch.apiUrl());
        double heap = m.entrySet().stream().filter(e -> e.getKey().startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(Map.Entry::getValue).sum();
        return new Sample(System.nanoTime(), cpuSeconds(pid), heap, m.getOrDefault("iterwatch_charts_drawn_total", 0.0),
                m.getOrDefault("iterwatch_charts_sent_total", 0.0));
    }

    /** Heap used right after a full collection (jcmd GC.run): the live data, without garbage not yet collected. */
    private static double liveHeapBytes(Iterwatch iterwatch, long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run").isTrue();
        return sample(iterwatch, pid).heapBytes();
    }

    /** The classes that hold the most heap (jcmd GC.class_histogram), to show where the live data goes. */
    private static String biggestClasses(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return out.lines().skip(1).limit(17).collect(Collectors.joining("\n", "", "\n"));
    }

    /** User plus system time of the process, from /proc/PID/stat (fields 14 and 15, after the command name). */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long chatOf(String topic, List<String> topics, long[] users) {
        return users[topics.indexOf(topic) % users.length];
    }

    private static Map<String, Long> charts(FakeTelegram telegram, List<String> topics, long[] users) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ApiCall c : telegram.calls("sendPhoto")) {
            String caption = c.param("caption").orElse("");
            topics.stream().filter(t -> caption.contains(">" + t + "<")).findFirst().ifPresent(t ->
                    out.put(t, c.responseJson().path("result").path("message_id").asLong()));
        }
        assertThat(out).hasSize(topics.size());
        return out;
    }

    private void createTopics(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all()
                    .get(2, TimeUnit.MINUTES);
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    /** One batch to every topic, all acknowledged before it returns. */
    private static void produceRound(KafkaProducer<String, String> producer, List<String> topics, int iteration,
                                     String values) throws InterruptedException, ExecutionException {
        String record = "{\"iteration\": " + iteration + ", \"values\": [" + values + "]}";
        var sent = topics.stream().map(t -> producer.send(new ProducerRecord<>(t, record))).toList();
        producer.flush();
        for (var future : sent) {
            future.get();
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.print(line);
        try {
            Files.writeString(Path.of("target", "capacity-benchmark.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "machine: %s %s, %d cores, JVM %s %s", os.getName(), os.getArch(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
