package org.qise.portal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Public ids: random ones for new rows, and for rows older than migration V31 ids derived in
 * SQL by the migration itself. {@code import-h2} fills rows copied in later with the same
 * formulas in Java, so the SQL (run here by SQLite) and the Java must agree row for row.
 */
class PublicIdFormulasTest {
    @Test
    void randomIdsHaveTheShapeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = PublicIds.random();
            assertTrue(PublicIds.isPublicId(id), id);
            assertTrue(seen.add(id), "repeated: " + id);
        }
    }

    @Test
    void theMigrationAndTheJavaFormulasGiveEveryOldRowTheSameDistinctId() throws Exception {
        String migration;
        try (InputStream in = PublicIds.class.getResourceAsStream("/db/migration/V31__public_ids.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE circuits (id INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE circuit_versions (circuit_id BIGINT, version INTEGER)");
            s.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY)");
            for (long id : new long[]{1, 2, 3, 41, 1_073_741_788L, 1_073_741_789L, 5_000_000_000L}) {
                s.execute("INSERT INTO circuits (id) VALUES (" + id + ")");
                s.execute("INSERT INTO runs (id) VALUES (" + id + ")");
                for (int v = 1; v <= 3; v++) s.execute("INSERT INTO circuit_versions VALUES (" + id + ", " + v + ")");
            }
            for (long id = 100; id < 3_100; id++) {
                s.execute("INSERT INTO circuits (id) VALUES (" + id + ")");
                s.execute("INSERT INTO runs (id) VALUES (" + id + ")");
                s.execute("INSERT INTO circuit_versions VALUES (7, " + id + ")");
            }
            for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) s.execute(statement);
            }
            int rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT id, public_id FROM circuits")) {
                for (; rs.next(); rows++) {
                    assertEquals(PublicIds.derivedCircuit(rs.getLong(1)), rs.getString(2), "circuit " + rs.getLong(1));
                    assertTrue(PublicIds.isPublicId(rs.getString(2)), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, public_id FROM runs")) {
                for (; rs.next(); rows++) assertEquals(PublicIds.derivedRun(rs.getLong(1)), rs.getString(2), "run " + rs.getLong(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT circuit_id, version, public_id FROM circuit_versions")) {
                for (; rs.next(); rows++) {
                    assertEquals(PublicIds.derivedVersion(rs.getLong(1), rs.getInt(2)), rs.getString(3),
                            "version " + rs.getInt(2) + " of circuit " + rs.getLong(1));
                }
            }
            assertEquals(3 * (7 + 3_000) + 2 * 7, rows);
            // The migration's unique indexes were created over these rows, so no two are equal.
        }
    }
}
