package org.iterwatch.subscription;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.iterwatch.subscription.testing.TestPostgres;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database on the JVM's real PostgreSQL ({@link TestPostgres}) for each test that asks, dropped after it
 * (as jdbi's JdbiExtension does for its databases). {@link #freshDatabase()} may be called from a field initialiser.
 */
final class PostgresExtension implements AfterEachCallback {
    private final List<String> created = new ArrayList<>();

    /** A fresh database with this module's tables. */
    DataSource migratedDatabase() {
        DataSource db = freshDatabase();
        SubscriptionSchema.migrate(db);
        return db;
    }

    synchronized DataSource freshDatabase() {
        String name = TestPostgres.newName("test");
        TestPostgres.execute("CREATE DATABASE " + name);
        created.add(name);
        return TestPostgres.server().getDatabase("postgres", name);
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        created.forEach(name -> TestPostgres.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        created.clear();
    }
}
