package org.iterwatch.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dataDir          the H2 database file and the embedded broker's data live here
 * @param databaseUrl      a JDBC URL overriding the H2 file under dataDir ({@code jdbc:postgresql://…} for two instances)
 * @param databaseUser     the database user (PostgreSQL); null: the driver's default
 * @param databasePassword its password; never logged
 * @param lease            how long the active instance's claim on a shared PostgreSQL lasts without a renewal
 * @param instanceName     this instance's name in /healthz, /metrics and the lease row; null: host name and pid
 */
public record Storage(Path dataDir, String databaseUrl, String databaseUser, Secret databasePassword, Duration lease,
                      String instanceName) {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(5);

    public Storage {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        databaseUrl = blankToNull(databaseUrl);
        databaseUser = blankToNull(databaseUser);
        databasePassword = databasePassword == null ? new Secret("") : databasePassword;
        lease = lease == null ? DEFAULT_LEASE : lease;
        instanceName = blankToNull(instanceName);
    }

    public Storage(Path dataDir, String databaseUrl) {
        this(dataDir, databaseUrl, null, null, null, null);
    }

    /** Instances share a PostgreSQL database and elect one active; on H2 the one instance is always active. */
    public boolean shared() {
        return databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
