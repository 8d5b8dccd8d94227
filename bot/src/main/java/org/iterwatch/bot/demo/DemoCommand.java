package org.iterwatch.bot.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.iterwatch.bot.kafka.KafkaAddress;
import org.iterwatch.bot.kafka.ToolExit;
import org.iterwatch.bot.kafka.Topics;
import org.iterwatch.config.ConfigException;
import org.iterwatch.config.Durations;
import org.iterwatch.config.IterwatchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterwatch demo}: publishes the published system's example calculation (the Airy pulse at x = 0.6, one
 * iteration of 101 values every 2 s, with its planned total) to the Kafka iterwatch uses, after telling what to
 * type in Telegram to watch it. The topic is created when missing and emptied when it holds an earlier run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Publish a demo calculation (the Airy pulse at x = 0.6) and print what to type in Telegram.")
public final class DemoCommand implements Callable<Integer> {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file (default: $ITERWATCH_CONFIG)")
    private Path configFile;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "airy.x0.6", description = "topic to publish to (default: ${DEFAULT-VALUE})")
    private String topic;

    @Option(names = "--pace", paramLabel = "PERIOD", defaultValue = "2s", description = "time between iterations (default: ${DEFAULT-VALUE})")
    private String pace;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100", description = "iterations to publish, 1 to 100 (default: ${DEFAULT-VALUE})")
    private int iterations;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        return ToolExit.of(spec.commandLine().getErr(), "iterwatch demo", () -> {
            Duration period = period();
            String servers = KafkaAddress.servers(configFile);
            boolean cleared = startFresh(servers);
            out.println(intro(servers, period, cleared));
            out.flush();
            publish(servers, period, out);
            out.println("done: " + iterations + " iterations in " + topic + "; the chart says it is complete.");
            out.flush();
        });
    }

    private Duration period() {
        if (iterations < 1 || iterations > 100) {
            throw new ConfigException("--iterations: must be between 1 and 100 (was " + iterations + ")");
        }
        Topics.checkName(topic, reason -> new ConfigException("--topic: " + reason));
        Duration period;
        try {
            period = Durations.parse(pace);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--pace: " + e.getMessage());
        }
        if (period.isNegative()) {
            throw new ConfigException("--pace: must not be negative (was " + pace + ")");
        }
        return period;
    }

    /** @return whether an earlier run's records were deleted */
    private boolean startFresh(String servers) {
        try (Topics topics = new Topics(servers)) {
            return !topics.create(topic) && topics.clear(topic).orElse(0L) > 0;
        }
    }

    private String intro(String servers, Duration period, boolean cleared) {
        return "iterwatch demo: the Airy pulse at x = 0.6, " + iterations + " iterations of "
                + AiryPulse.VALUES_PER_ITERATION + " values, one every " + Durations.format(period) + ", to topic "
                + topic + " on " + servers + (cleared ? " (its earlier records deleted: a new run)" : "") + ".\n"
                + "Now send your bot in Telegram:\n"
                + "  /add " + topic + " Airy pulse x=coordinates\n"
                + "  /start " + topic + "\n"
                + "Its chart (against the time t) is pinned in that chat and grows with every iteration. "
                + "Ctrl-C stops the demo.";
    }

    private void publish(String servers, Duration period, PrintWriter out) throws InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.CLIENT_ID_CONFIG, "iterwatch-demo",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long start = System.nanoTime();
            for (int k = 1; k <= iterations; k++) {
                send(producer, k);
                out.println("iteration " + k + " of " + iterations);
                out.flush();
                if (k < iterations) {
                    long due = start + k * period.toNanos();
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                }
            }
        }
    }

    private void send(KafkaProducer<String, String> producer, int iteration) {
        try {
            producer.send(new ProducerRecord<>(topic, Integer.toString(iteration), record(iteration)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterwatchException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IterwatchException("Kafka did not take iteration " + iteration + ": " + e.getMessage(), e);
        }
    }

    /** One batch: the values, their times as abscissae, the planned total, and the last one marked final. */
    String record(int iteration) {
        double[] t = AiryPulse.times(iteration);
        return "{\"iteration\": " + iteration + ", \"total\": " + iterations
                + ", \"x\": " + numbers(t, "%.2f")
                + ", \"values\": " + numbers(Arrays.stream(t).map(AiryPulse::at).toArray(), "%.9g")
                + (iteration == iterations ? ", \"final\": true" : "") + "}";
    }

    private static String numbers(double[] values, String format) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
