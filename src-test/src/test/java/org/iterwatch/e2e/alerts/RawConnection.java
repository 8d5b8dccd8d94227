package org.iterwatch.e2e.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain TCP connection to iterwatch's HTTP port from a chosen loopback source address (Linux accepts
 * any 127.x.y.z), for writing requests byte by byte as an attacker would.
 */
final class RawConnection implements AutoCloseable {
    /** {@link #status} when the server closed the connection without an answer. */
    static final int CLOSED = -1;
    /** {@link #status} when nothing came back in time and the connection is still open. */
    static final int NO_ANSWER = 0;

    private final Socket socket = new Socket();
    private final String from;

    RawConnection(String from, int port) {
        this.from = from;
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        } catch (IOException e) {
            throw new UncheckedIOException("connecting from " + from, e);
        }
    }

    String from() {
        return from;
    }

    /** Writes {@code text}; false when the server has closed the connection. */
    synchronized boolean send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code text} unless the server has answered already: bytes sent after the server closed would
     * make it reset the connection, and the reset would drop the answer before the test reads it.
     */
    synchronized boolean sendUnlessAnswered(String text) {
        try {
            if (socket.getInputStream().available() > 0) {
                return false;
            }
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status code of the server's answer, {@link #CLOSED} or {@link #NO_ANSWER} within {@code wait}. */
    int status(Duration wait) {
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.isEmpty() ? CLOSED : parse(line);
                }
                line.append((char) b);
            }
            return parse(line);
        } catch (SocketTimeoutException e) {
            return NO_ANSWER;
        } catch (IOException e) {
            return CLOSED;
        }
    }

    /** All the server sends until it has sent {@code answers} status lines, closes, or {@code wait} is over. */
    String answers(int answers, Duration wait) {
        StringBuilder all = new StringBuilder();
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (count(all, "HTTP/1.1 ") < answers && System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                all.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // closed or timed out: what came so far is the answer
        }
        return all.toString();
    }

    static int count(CharSequence text, String part) {
        int n = 0;
        for (int at = text.toString().indexOf(part); at >= 0; at = text.toString().indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static int parse(CharSequence statusLine) {
        String[] parts = statusLine.toString().split(" ");
        return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : CLOSED;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a connection the server already dropped
        }
    }

    /** The head of a POST to the events API announcing {@code length} bytes; {@code token} may be null. */
    static String eventsHead(String token, int length) {
        return "POST /api/v1/events HTTP/1.1\r\nHost: iterwatch\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: iterwatch\r\n\r\n";
    }
}
