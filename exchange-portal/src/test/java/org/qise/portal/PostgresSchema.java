package org.qise.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.qise.portal.db.Database;

/**
 * A PostgreSQL schema of the test's own on the server QISE_TEST_POSTGRES_URL (_USER, _PASSWORD)
 * names, dropped with everything in it on close, so that tests sharing one server (and one CI
 * database) never see each other's tables. Creating one skips the test without a server, and
 * fails it under CI=true ({@link Prerequisite}).
 */
public final class PostgresSchema implements AutoCloseable {
    public final String url;
    public final String user;
    public final String password;
    public final String schema;
    /** The URL with this schema as the current one: what the portal, a worker or a Database is given. */
    public final String schemaUrl;

    private PostgresSchema(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Whether a server is given (for benchmarks, which leave PostgreSQL out instead of skipping). */
    public static boolean configured() {
        String url = System.getenv("QISE_TEST_POSTGRES_URL");
        return url != null && !url.isBlank();
    }

    /** A new schema named {@code prefix} and a unique suffix; skips (fails in CI) without QISE_TEST_POSTGRES_URL. */
    public static PostgresSchema create(String prefix) throws SQLException {
        Prerequisite.require(configured(), "QISE_TEST_POSTGRES_URL is not set");
        PostgresSchema s = new PostgresSchema(System.getenv("QISE_TEST_POSTGRES_URL"), System.getenv("QISE_TEST_POSTGRES_USER"),
                System.getenv("QISE_TEST_POSTGRES_PASSWORD"), prefix + Long.toHexString(System.nanoTime()));
        s.onServer("CREATE SCHEMA " + s.schema);
        return s;
    }

    /** The portal's store in this schema (migrated as the portal migrates it); the caller closes it. */
    public Database open() {
        return Database.postgres(schemaUrl, user, password);
    }

    /** The configuration with this schema as the portal's database. */
    public PortalConfig configure(PortalConfig config) {
        return config.withDatabase(schemaUrl, user, password);
    }

    /** A plain JDBC connection in this schema, for what a test reads or changes behind the portal's back. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(schemaUrl, user, password);
    }

    /** Runs one statement in this schema. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of a query in this schema, e.g. a COUNT(*). */
    public int count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        onServer("DROP SCHEMA " + schema + " CASCADE");
    }
}
