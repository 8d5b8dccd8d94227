package org.iterwatch.bot.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies the solver's stderr to ours as it comes, byte for byte, and keeps its last lines for the
 * failure alert. Runs on its own daemon thread so a chatty solver is never held up by us.
 */
public final class StderrTail {
    private static final int MAX_LINE_BYTES = 2048;
    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final Thread thread;

    StderrTail(InputStream from, OutputStream to, int maxLines) {
        this.maxLines = maxLines;
        this.thread = new Thread(() -> copy(from, to), "stderr-tee");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The last lines seen; waits a little for the pipe to drain (a grandchild may keep it open forever). */
    String await(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line).append('\n'));
            if (current.size() > 0) {
                text.append(current.toString(StandardCharsets.UTF_8));
            }
            return text.toString();
        }
    }

    private void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        boolean passThrough = true;
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (passThrough) {
                    try {
                        to.write(buffer, 0, n);
                        to.flush();
                    } catch (IOException e) {
                        passThrough = false; // our stderr is gone; keep draining so the solver never blocks
                    }
                }
                remember(buffer, n);
            }
        } catch (IOException e) {
            // the pipe closed under us: the solver is gone
        }
    }

    private synchronized void remember(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                lines.addLast(current.toString(StandardCharsets.UTF_8));
                current.reset();
                if (lines.size() > maxLines) {
                    lines.removeFirst();
                }
            } else if (current.size() < MAX_LINE_BYTES) {
                current.write(b);
            }
        }
    }
}
