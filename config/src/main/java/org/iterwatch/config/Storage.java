package org.iterwatch.config;

import java.nio.file.Path;

/**
 * @param dataDir     the H2 database file and the embedded broker's data live here
 * @param databaseUrl a JDBC URL overriding the H2 file under dataDir
 */
public record Storage(Path dataDir, String databaseUrl) {
    public Storage {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        databaseUrl = databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl.strip();
    }
}
