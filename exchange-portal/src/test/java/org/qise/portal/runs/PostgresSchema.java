package org.qise.portal.runs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.qise.portal.Prerequisite;

/** A PostgreSQL schema of the test's own (from QISE_TEST_POSTGRES_*), dropped on close. */
final class PostgresSchema implements AutoCloseable {
    final String url;
    final String user;
    final String password;
    final String schema;
    /** The URL with this schema as the current one. */
    final String schemaUrl;

    private PostgresSchema(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Skips (fails in CI) without QISE_TEST_POSTGRES_URL. */
    static PostgresSchema create(String prefix) throws SQLException {
        String url = System.getenv("QISE_TEST_POSTGRES_URL");
        Prerequisite.require(url != null && !url.isBlank(), "QISE_TEST_POSTGRES_URL is not set");
        PostgresSchema s = new PostgresSchema(url, System.getenv("QISE_TEST_POSTGRES_USER"),
                System.getenv("QISE_TEST_POSTGRES_PASSWORD"), prefix + Long.toHexString(System.nanoTime()));
        s.execute("CREATE SCHEMA " + s.schema);
        return s;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(schemaUrl, user, password);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
