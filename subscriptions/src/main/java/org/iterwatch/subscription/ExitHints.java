package org.iterwatch.subscription;

import java.util.Locale;
import java.util.Optional;

/** One line on what usually causes a well-known end, so that the person woken at night knows where to look. */
final class ExitHints {
    private ExitHints() {
    }

    static Optional<String> hint(SolverEvent e) {
        String message = e.message() == null ? "" : e.message().toUpperCase(Locale.ROOT);
        int code = e.exitCode() == null ? Integer.MIN_VALUE : e.exitCode();
        if (code == 137 || message.contains("SIGKILL")) {
            return Optional.of("137/SIGKILL: often the out-of-memory killer or the batch system's limit (memory, wall time).");
        }
        if (code == 143 || message.contains("SIGTERM")) {
            return Optional.of("143/SIGTERM: asked to stop: a scancel/qdel, a node shutdown, or the batch system's time limit.");
        }
        if (code == 124) {
            return Optional.of("124: a timeout command ended it when its time limit was reached.");
        }
        return Optional.empty();
    }
}
