package org.iterwatch.e2e.security;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The H2 file of a stopped iterwatch, read as an operator would: what was stored, not what the
 * process says. Rows come back as "a|b|c" strings, so assertions read like the table.
 */
final class StoppedDatabase {
    private final String url;

    StoppedDatabase(Path dataDir) {
        this.url = "jdbc:h2:async:" + dataDir.resolve("iterwatch").toAbsolutePath();
    }

    List<String> rows(String sql) {
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                out.add(String.join("|", row));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + url + ": " + e.getMessage(), e);
        }
    }

    /** user|chat|action|outcome|detail, oldest first. */
    List<String> audit() {
        return rows("SELECT user_id, chat_id, action, outcome, detail FROM audit ORDER BY id");
    }

    List<String> auditOf(long userId) {
        return audit().stream().filter(r -> r.startsWith(userId + "|")).toList();
    }

    /** user|chat|action|outcome|detail|attempts, oldest first: a row of refusals counts those folded into it. */
    List<String> foldedAuditOf(long userId) {
        return rows("SELECT user_id, chat_id, action, outcome, detail, attempts FROM audit WHERE user_id = " + userId
                + " ORDER BY id");
    }
}
