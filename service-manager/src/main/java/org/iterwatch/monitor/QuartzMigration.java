package org.iterwatch.monitor;

import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/** A migration of Quartz's tables, in Java because it depends on the database: Quartz ships a script per vendor. */
abstract class QuartzMigration implements JavaMigration {
    private final int version;
    private final String description;

    /** @param version also the checksum: the migration's content is fixed by the Quartz version it was written for */
    QuartzMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    static boolean isPostgres(Context context) throws SQLException {
        return context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(version));
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }
}
