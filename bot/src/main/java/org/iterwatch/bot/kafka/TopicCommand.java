package org.iterwatch.bot.kafka;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.iterwatch.config.IterwatchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code iterwatch topic create|clear|delete|list}: a solver's topics on the Kafka iterwatch uses (its embedded
 * broker included), without Kafka's own tools. {@code clear} is the restart of a calculation: its records are
 * deleted, and a running monitor starts its chart again.
 */
@Command(name = "topic", mixinStandardHelpOptions = true,
        description = "Create, clear, delete or list the topics solvers write to, on the Kafka iterwatch uses "
                + "(kafka.bootstrapServers, or the embedded broker of the running iterwatch).")
public final class TopicCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "YAML configuration file (default: $ITERWATCH_CONFIG)")
    private Path configFile;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic (one partition).")
    int create(@Parameters(paramLabel = "NAME") String name) {
        return run(name, topics -> topics.create(name) ? "created " + name
                : fail("topic " + name + " exists already"));
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Delete a topic's records: the calculation starts again, a running monitor's chart too.")
    int clear(@Parameters(paramLabel = "NAME") String name) {
        return run(name, topics -> topics.clear(name)
                .map(n -> "cleared " + name + ": " + Topics.records(n) + " deleted")
                .orElseGet(() -> fail("no topic " + name)));
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a topic and its records.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return run(name, topics -> topics.delete(name) ? "deleted " + name : fail("no topic " + name));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The topics with their record counts.")
    int list() {
        return run(null, Topics::listing);
    }

    private interface Action {
        String on(Topics topics);
    }

    private int run(String name, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        return ToolExit.of(spec.commandLine().getErr(), "iterwatch topic", () -> {
            if (name != null) {
                Topics.checkName(name, IterwatchException::new);
            }
            try (Topics topics = new Topics(KafkaAddress.servers(configFile))) {
                out.println(action.on(topics));
                out.flush();
            }
        });
    }

    private static String fail(String message) {
        throw new IterwatchException(message);
    }
}
