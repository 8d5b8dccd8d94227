package org.iterwatch.bot.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a failing disk or database apart from a bad statement, by what JDBC and H2 throw. */
final class StorageFailures {
    /** H2: the database was closed (after a failed write it closes itself), or is shutting down. */
    private static final int H2_DATABASE_IS_CLOSED = 90098;
    private static final int H2_DATABASE_CALLED_AT_SHUTDOWN = 90121;
    private static final int H2_CONNECTION_BROKEN = 90067;
    private static final int H2_IO_EXCEPTION_1 = 90028;
    private static final int H2_IO_EXCEPTION_2 = 90031;
    private static final String H2_STORE_FAILURE = "org.h2.mvstore.MVStoreException";
    private static final int LONGEST_REASON = 200;

    private StorageFailures() {
    }

    /** True when nothing can be stored until the disk or the database is back, whatever the statement. */
    static boolean isStorageFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof SQLTransientConnectionException
                    || t.getClass().getName().equals(H2_STORE_FAILURE)) {
                return true;
            }
            if (t instanceof SQLException s && (closesDatabase(s) || s.getErrorCode() == H2_IO_EXCEPTION_1
                    || s.getErrorCode() == H2_IO_EXCEPTION_2 || sqlStateClass(s, "08") || sqlStateClass(s, "53")
                    || sqlStateClass(s, "58"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * True when H2 has closed the database under its connections: they stay closed for good, so the pool
     * must drop them all; a new connection opens the database again.
     */
    static boolean closesDatabase(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals(H2_STORE_FAILURE)) {
                return true;
            }
            if (t instanceof SQLException s && (s.getErrorCode() == H2_DATABASE_IS_CLOSED
                    || s.getErrorCode() == H2_DATABASE_CALLED_AT_SHUTDOWN || s.getErrorCode() == H2_CONNECTION_BROKEN)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The first line of the deepest cause: the operating system's words (e.g. "No space left on device"). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // H2 appends the statement, which may quote what a solver sent: the reason names the failure only.
        String line = message.lines().findFirst().orElse("").replaceAll(";? ?SQL statement:.*", "").strip();
        return line.length() > LONGEST_REASON ? line.substring(0, LONGEST_REASON) + "…" : line;
    }

    private static boolean sqlStateClass(SQLException e, String prefix) {
        return e.getSQLState() != null && e.getSQLState().startsWith(prefix);
    }
}
