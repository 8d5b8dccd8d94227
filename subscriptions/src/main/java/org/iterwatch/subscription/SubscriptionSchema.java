package org.iterwatch.subscription;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** This module's tables (people, audit, subscriptions, the alert outbox), with their own history table. */
public final class SubscriptionSchema {
    private SubscriptionSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("subscription_schema_history")
                .locations("classpath:org/iterwatch/subscription/db")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
