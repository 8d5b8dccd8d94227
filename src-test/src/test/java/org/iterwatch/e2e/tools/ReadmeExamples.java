package org.iterwatch.e2e.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shell examples of the project's README, as written there, so that tests run what a newcomer copies. */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /** The lines of the README's ```bash blocks that start with {@code prefix}, in order. */
    static List<String> lines(String prefix) {
        return lines("bash", prefix);
    }

    /** The lines of the README's blocks of this kind (```bash, ```text) that start with {@code prefix}, in order. */
    static List<String> lines(String kind, String prefix) {
        List<String> found = new ArrayList<>();
        boolean inBash = false;
        for (String line : readme().split("\n")) {
            if (line.startsWith("```")) {
                inBash = line.equals("```" + kind) && !inBash;
                continue;
            }
            if (inBash && line.startsWith(prefix)) {
                found.add(line);
            }
        }
        assertThat(found).as("README examples starting with '" + prefix + "'").isNotEmpty();
        return found;
    }

    /** The line without its trailing {@code # comment}. */
    static String command(String line) {
        int hash = line.indexOf(" #");
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    private static String readme() {
        // Surefire runs in the module's directory; the README is the project's, one up.
        Path file = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
