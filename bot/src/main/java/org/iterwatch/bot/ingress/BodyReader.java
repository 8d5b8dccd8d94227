package org.iterwatch.bot.ingress;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Collects a request body as it arrives, holding no thread while the client is slow: Jetty calls
 * {@link #run} again when more bytes are there. One that arrives too slowly ends at the next byte (408), a
 * silent one at the connector's idle timeout (408). A body over the size limit gets 413 once it has been read
 * and dropped, up to {@link #DRAIN_BYTES}: a client cut off mid-upload would see a reset, not the answer.
 * (Only authenticated requests get here; the others are refused from their headers.)
 * Jetty 12.1 does not enforce {@code HttpConfiguration.minRequestDataRate}, and its
 * {@code MinimumDataRateHandler} divides the bytes of all requests by one request's time, hence this.
 */
public final class BodyReader implements Runnable {
    /** How long a body may take before its average rate is checked: latency, TCP slow start, 100-continue. */
    private static final long GRACE_NANOS = 1_000_000_000L;
    /** Past this an oversized body is not read to its end: 413 at once, and the connection closed. */
    static final long DRAIN_BYTES = 16L * 1024 * 1024;

    /** Either the whole body or why it was refused. */
    sealed interface Outcome {
    }

    record Body(byte[] bytes) implements Outcome {
    }

    record Refused(int status, String message) implements Outcome {
    }

    private final Request request;
    private final int maxBytes;
    private final long minBytesPerSecond;
    private final Consumer<Outcome> done;
    private final ByteArrayOutputStream body;
    private final long started = System.nanoTime();
    private long received;

    private BodyReader(Request request, int maxBytes, long minBytesPerSecond, Consumer<Outcome> done) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.minBytesPerSecond = minBytesPerSecond;
        this.done = done;
        long length = request.getLength();
        this.body = new ByteArrayOutputStream(length > 0 && length <= maxBytes ? (int) length : 1024);
    }

    /** Starts reading; {@code done} gets the outcome exactly once, on whatever thread has the last bytes. */
    static void read(Request request, int maxBytes, long minBytesPerSecond, Consumer<Outcome> done) {
        BodyReader reader = new BodyReader(request, maxBytes, minBytesPerSecond, done);
        if (request.getLength() > DRAIN_BYTES) {
            done.accept(reader.tooLarge());
        } else {
            reader.run();
        }
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (tooSlow()) {
                    done.accept(new Refused(408, "body arrived slower than " + minBytesPerSecond + " bytes a second"));
                } else {
                    request.demand(this);
                }
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                chunk.release();
                done.accept(chunk.getFailure() instanceof TimeoutException
                        ? new Refused(408, "body incomplete: nothing arrived for too long")
                        : new Refused(400, "body cannot be read"));
                return;
            }
            boolean last = chunk.isLast();
            keep(chunk.getByteBuffer());
            chunk.release();
            if (last || received > DRAIN_BYTES) {
                done.accept(received > maxBytes ? tooLarge() : new Body(body.toByteArray()));
                return;
            }
        }
    }

    /** Adds the bytes to the body while it is within the limit; past it they are only counted. */
    private void keep(ByteBuffer bytes) {
        received += bytes.remaining();
        if (received <= maxBytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            body.writeBytes(copy);
        } else {
            body.reset();
        }
    }

    private Refused tooLarge() {
        return new Refused(413, "body larger than " + maxBytes + " bytes");
    }

    private boolean tooSlow() {
        long elapsed = System.nanoTime() - started;
        return elapsed > GRACE_NANOS && received < minBytesPerSecond * (double) elapsed / 1e9;
    }
}
