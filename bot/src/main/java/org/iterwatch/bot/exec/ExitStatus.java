package org.iterwatch.bot.exec;

import java.util.Optional;

/**
 * How a solver ended, as a shell reports it: a death by signal n is exit status 128+n
 * (Java's Process reports it that way on Unix).
 */
public record ExitStatus(int code) {
    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    boolean success() {
        return code == 0;
    }

    Optional<String> signal() {
        int n = code - 128;
        return n > 0 && n < SIGNALS.length ? Optional.of(SIGNALS[n]) : Optional.empty();
    }

    String describe() {
        return signal().map(s -> "killed by " + s + " (exit status " + code + ")").orElse("exited with code " + code);
    }
}
