package org.qise.portal.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.qise.portal.Prerequisite;
import org.qise.portal.db.Database;

/**
 * The search contract on PostgreSQL (tsvector + GIN), in a schema of its own; skipped without
 * QISE_TEST_POSTGRES_URL (and failing under CI=true), as PostgresTest.
 */
class PostgresSearchServiceTest extends SearchServiceContract {
    private String url;
    private String user;
    private String password;
    private String schema;

    @Override
    Database open() throws Exception {
        url = System.getenv("QISE_TEST_POSTGRES_URL");
        Prerequisite.require(url != null && !url.isBlank(), "QISE_TEST_POSTGRES_URL is not set");
        user = System.getenv("QISE_TEST_POSTGRES_USER");
        password = System.getenv("QISE_TEST_POSTGRES_PASSWORD");
        schema = "qise_test_search_" + Long.toHexString(System.nanoTime());
        execute("CREATE SCHEMA " + schema);
        return Database.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    @Override
    void closeStore() throws Exception {
        if (schema != null) execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
