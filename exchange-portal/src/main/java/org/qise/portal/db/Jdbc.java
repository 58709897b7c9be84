package org.qise.portal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A thin layer over plain JDBC: parameterised statements only (never string-built SQL with
 * user input), rows mapped by small lambdas, and {@link #transaction} for multi-statement
 * changes. {@link Instant} parameters are stored as UTC timestamps with time zone, or on SQLite
 * (which has no timestamp type) as fixed-width UTC text, so that text order is time order.
 */
public final class Jdbc {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Jdbc tx) throws SQLException;
    }

    /** Microseconds, as PostgreSQL keeps them; fixed width so that SQLite compares the text in time order. */
    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Database.Dialect dialect;
    private final Connection connection; // non-null inside a transaction

    public Jdbc(DataSource dataSource, Database.Dialect dialect) {
        this(dataSource, dialect, null);
    }

    private Jdbc(DataSource dataSource, Database.Dialect dialect, Connection connection) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.connection = connection;
    }

    public Database.Dialect dialect() { return dialect; }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, false, params, dialect); ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) rows.add(mapper.map(rs));
                return rows;
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    public long count(String sql, Object... params) {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, false, params, dialect)) {
                return ps.executeUpdate();
            }
        });
    }

    /** Runs an INSERT into a table whose first column is a generated id; returns that id. */
    public long insert(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, true, params, dialect)) {
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) throw new SQLException("no generated key for: " + sql);
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Runs work in one transaction: all of it is committed, or none of it on any exception. */
    public <T> T transaction(TransactionWork<T> work) {
        if (connection != null) {
            try {
                return work.run(this);
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                discard(c);
                throw e;
            }
            try {
                T result = work.run(new Jdbc(dataSource, dialect, c));
                c.commit();
                return result;
            } catch (RuntimeException | SQLException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Keeps a connection whose transaction could not begin out of the pool. sqlite-jdbc records
     * "not auto-commit" before it runs BEGIN IMMEDIATE; when BEGIN fails (another connection holds
     * the write lock past the busy timeout) the connection would go back to the pool believing a
     * transaction is open, and the next transaction on it would run in auto-commit mode, each
     * statement committed on its own, and fail at its end with a 500 after writing.
     */
    private void discard(Connection c) {
        try {
            if (dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).evictConnection(c);
                return;
            }
        } catch (SQLException ignored) {
            // fall through to resetting it by hand
        }
        try {
            c.setAutoCommit(true); // sqlite-jdbc sets the flag before its COMMIT, which fails harmlessly here
        } catch (SQLException ignored) {
            // the flag is what matters; there was no transaction to end
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) return null;
        if (raw instanceof String text) return Instant.parse(text); // SQLite
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** A nullable BIGINT column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        try {
            if (connection != null) return work.run(connection);
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, boolean keys, Object[] params,
                                             Database.Dialect dialect) throws SQLException {
        PreparedStatement ps = keys ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t && dialect == Database.Dialect.SQLITE) {
                ps.setString(i + 1, SQLITE_TIME.format(t));
            } else if (p instanceof Instant t) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (p instanceof Timestamp t) {
                ps.setTimestamp(i + 1, t);
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }
}
