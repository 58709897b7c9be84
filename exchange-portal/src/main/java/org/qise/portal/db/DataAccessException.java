package org.qise.portal.db;

import java.sql.SQLException;

/** A database failure; unchecked so services stay readable. Never shown to users verbatim. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the failure was a unique-key or other integrity violation (SQLState class 23). */
    public boolean isConstraintViolation() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith("23");
    }
}
