package org.iterwatch.e2e.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small RAM file system mounted on a directory, so a test can fill a disk to the last byte without
 * touching the machine's real one. Tests are skipped where mounting is not allowed (no root).
 */
final class Tmpfs implements AutoCloseable {
    private final Path dir;
    private final Path filler;

    private Tmpfs(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code dir} (created if missing), or skips the test. */
    static Tmpfs mount(Path dir, int megabytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()) == 0,
                "mounting a tmpfs is not allowed here (needs root)");
        return new Tmpfs(dir);
    }

    /** Writes a file until the file system has no byte left. */
    void fill() {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw new UncheckedIOException(e);
            }
        }
        // Whatever smaller pieces are left, so that no write of any size fits.
        try (OutputStream out = Files.newOutputStream(filler.resolveSibling("filler-2"))) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException e) {
            // full to the last byte
        }
    }

    void free() {
        try {
            Files.deleteIfExists(filler);
            Files.deleteIfExists(filler.resolveSibling("filler-2"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long usableBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // Lazy: a process still holding files open must not keep the mount (and the test) alive.
        run("umount", "-l", dir.toString());
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
