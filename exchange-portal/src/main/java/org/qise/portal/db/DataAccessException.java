package org.qise.portal.db;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A database failure; unchecked so services stay readable. Never shown to users verbatim. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the failure was a unique-key or other integrity violation (SQLState class 23, or SQLite's CONSTRAINT). */
    public boolean isConstraintViolation() {
        SQLException e = (SQLException) getCause();
        if (e instanceof SQLiteException s) return primary(s) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    /**
     * Whether the database was only too busy: no pooled connection came free in time, or SQLite's
     * write lock stayed taken past the busy timeout. The request may be tried again later (503).
     */
    public boolean isBusy() {
        SQLException e = (SQLException) getCause();
        if (e instanceof SQLiteException s) {
            int code = primary(s);
            return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        return e instanceof SQLTransientException;
    }

    private static int primary(SQLiteException s) {
        return s.getResultCode().code & 0xff;
    }
}
