package org.iterwatch.bot.kafka;

import java.io.PrintWriter;
import org.iterwatch.config.ConfigException;
import org.iterwatch.config.IterwatchException;

/**
 * How the command-line tools on Kafka ({@code iterwatch topic}, {@code iterwatch demo}) end: 0 when their work
 * is done, 2 for a mistake in the configuration or on the command line, 1 when the work itself failed; the
 * reason goes to stderr, as one line a script can show.
 */
public final class ToolExit {
    private ToolExit() {
    }

    /** A tool's work; what it prints is its own, what fails is told by {@link #of}. */
    public interface Work<X extends Exception> {
        void run() throws X;
    }

    /** @param tool how the tool names itself in a failure, e.g. "iterwatch topic" */
    public static <X extends Exception> int of(PrintWriter err, String tool, Work<X> work) throws X {
        try {
            work.run();
            return 0;
        } catch (ConfigException e) {
            err.println("iterwatch: " + e.getMessage());
            return 2;
        } catch (IterwatchException e) {
            err.println(tool + ": " + e.getMessage());
            return 1;
        }
    }
}
