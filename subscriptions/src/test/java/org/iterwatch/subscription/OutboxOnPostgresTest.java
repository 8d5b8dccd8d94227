package org.iterwatch.subscription;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link OutboxTest}, on a real PostgreSQL: the schema and every statement must work there too. */
class OutboxOnPostgresTest extends OutboxTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    DataSource database() {
        return POSTGRES.migratedDatabase();
    }
}
