package org.iterwatch.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.iterwatch.config.IterwatchException;

/** Creates Quartz's job store tables from the script Quartz ships, picked by database vendor. */
final class QuartzTables extends QuartzMigration {
    QuartzTables() {
        super(1, "quartz tables");
    }

    @Override
    public void migrate(Context context) throws Exception {
        String script = isPostgres(context) ? "tables_postgres.sql" : "tables_h2.sql";
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(read("/org/quartz/impl/jdbcjobstore/" + script))) {
                statement.execute(sql);
            }
        }
    }

    // The scripts start with DROP statements for tables that cannot exist yet, and end with COMMIT.
    private static Iterable<String> statements(String script) {
        String withoutComments = script.replaceAll("(?m)^\\s*--.*$", "");
        return java.util.Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .filter(s -> !s.toUpperCase().startsWith("DROP ") && !s.equalsIgnoreCase("COMMIT"))
                .toList();
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = QuartzTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IterwatchException("Quartz schema " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
