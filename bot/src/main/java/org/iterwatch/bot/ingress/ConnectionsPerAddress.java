package org.iterwatch.bot.ingress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.IO;

/**
 * Closes a new connection at accept when its client address already holds {@code max} open ones, so one
 * host cannot take the whole port. Jetty's own limits ({@code NetworkConnectionLimit}) count all clients
 * together; this is the per-address half, hooked in the same way.
 */
public final class ConnectionsPerAddress implements SelectorManager.AcceptListener {
    private final int max;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    /** The address of each counted channel: a closed channel no longer tells its peer. */
    private final Map<SelectableChannel, InetAddress> counted = new HashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetAddress address = address(channel);
        if (address == null) {
            return;
        }
        synchronized (this) {
            counted.put(channel, address);
            if (open.merge(address, 1, Integer::sum) <= max) {
                return;
            }
        }
        // Jetty then fails the accept of the closed channel and reports it to onAcceptFailed.
        IO.close(channel);
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(channel);
    }

    private synchronized void release(SelectableChannel channel) {
        InetAddress address = counted.remove(channel);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        }
    }

    private static InetAddress address(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket && socket.getRemoteAddress() instanceof InetSocketAddress remote
                    ? remote.getAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
