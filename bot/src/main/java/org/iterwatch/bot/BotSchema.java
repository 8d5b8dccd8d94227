package org.iterwatch.bot;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The bot's own tables, with their own migration history beside the other modules'. */
public final class BotSchema {
    private BotSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("bot_schema_history")
                .locations("classpath:org/iterwatch/bot/db")
                // the schema already holds other modules' tables: start this history from nothing
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
