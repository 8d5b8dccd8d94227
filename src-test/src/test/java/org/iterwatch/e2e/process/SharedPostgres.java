package org.iterwatch.e2e.process;

import org.iterwatch.subscription.testing.TestPostgres;

/**
 * A fresh database with a user and password of its own, on the JVM's real PostgreSQL ({@link TestPostgres}, from
 * the subscriptions' test-jar), for each installation that runs iterwatch on PostgreSQL.
 */
public final class SharedPostgres {

    /** What iterwatch needs to reach one database: the URL, and the user and password it takes from the environment. */
    public record Database(String name, String url, String user, String password) {
    }

    private SharedPostgres() {
    }

    public static Database freshDatabase() {
        String name = TestPostgres.newName("iterwatch");
        String password = "pg-password-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        TestPostgres.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        TestPostgres.execute("CREATE DATABASE " + name + " OWNER " + name);
        return new Database(name, "jdbc:postgresql://127.0.0.1:" + TestPostgres.server().getPort() + "/" + name, name,
                password);
    }

    public static void drop(Database database) {
        TestPostgres.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        TestPostgres.execute("DROP ROLE IF EXISTS " + database.name());
    }
}
