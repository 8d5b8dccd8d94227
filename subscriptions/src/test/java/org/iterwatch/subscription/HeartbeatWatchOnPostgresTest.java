package org.iterwatch.subscription;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link HeartbeatWatchTest}, on a real PostgreSQL: the schema and every statement must work there too. */
class HeartbeatWatchOnPostgresTest extends HeartbeatWatchTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    DataSource database() {
        return POSTGRES.migratedDatabase();
    }
}
