package org.iterwatch.bot.ha;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.iterwatch.config.Storage;

/**
 * What /healthz and /metrics say of this instance: its name, whether it is the active one, which one is,
 * and how many failovers the shared database has seen.
 */
public record InstanceRole(String name, BooleanSupplier isActive, Supplier<String> activeInstance, LongSupplier failovers) {
    /** On a shared PostgreSQL: as the election says. */
    public static InstanceRole of(Election election) {
        return new InstanceRole(election.instanceName(), election::active, election::activeInstance, election::failovers);
    }

    /** On H2: the one instance, always active. */
    public static InstanceRole alone(String name) {
        return new InstanceRole(name, () -> true, () -> name, () -> 0);
    }

    /** The name in /healthz, /metrics, the log and the lease row: configured, or host name and process id. */
    public static String name(Storage storage) {
        if (storage.instanceName() != null) {
            return storage.instanceName();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    public String role() {
        return isActive.getAsBoolean() ? "active" : "standby";
    }
}
