package org.qise.portal.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The upgrade path from portals that kept their data in H2 ({@code portal.mv.db}): copies every
 * row of every table into a new SQLite database in one transaction, keeping the ids, so that
 * every URL handed out before stays valid. The H2 file is opened read-only and left as it was.
 */
public final class H2Import {
    /** Parents before children, so that foreign keys hold while rows arrive. Later tables follow by name. */
    private static final List<String> ORDER = List.of("cohorts", "users", "user_cohorts", "invites", "sessions", "api_tokens",
            "circuits", "circuit_versions", "circuit_tags", "comments", "audit_log", "runs", "run_verifications",
            "workshops", "workshop_members", "workshop_exercises", "workshop_submissions");

    private H2Import() {}

    /** Copies {@code h2Dir/portal.mv.db} into a new SQLite database in {@code dataDir}; returns rows copied per table. */
    public static Map<String, Integer> run(Path h2Dir, Path dataDir) {
        Path h2File = h2Dir.toAbsolutePath().resolve("portal.mv.db");
        if (!Files.isRegularFile(h2File)) throw new IllegalArgumentException("there is no H2 portal database " + h2File);
        try (DataDirLock lock = DataDirLock.acquire(dataDir, "importing into it")) {
            if (Files.exists(Database.sqliteFile(dataDir))) {
                throw new IllegalArgumentException(Database.sqliteFile(dataDir) + " exists already; import into a new data directory");
            }
            String url = "jdbc:h2:file:" + h2File.toString().replaceFirst("\\.mv\\.db$", "") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
            try (Connection h2 = DriverManager.getConnection(url, "qise", "");
                 Database target = Database.openSqlite(Database.sqliteFile(dataDir), 2)) {
                Jdbc jdbc = target.jdbc();
                return jdbc.transaction(tx -> {
                    Map<String, Integer> copied = new LinkedHashMap<>();
                    Set<String> targetTables = tables(tx);
                    for (String table : order(h2)) {
                        if (!targetTables.contains(table)) {
                            throw new IllegalStateException("the H2 database has a table '" + table + "' that this portal does not know;"
                                    + " import with the portal version that wrote it");
                        }
                        copied.put(table, copy(h2, tx, table));
                    }
                    // H2 databases predate public ids: give the copied rows the ids migration V31 would have.
                    PublicIds.fillMissing(tx);
                    return copied;
                });
            } catch (SQLException e) {
                throw new IllegalStateException("reading " + h2File + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static List<String> order(Connection h2) throws SQLException {
        Set<String> present = new LinkedHashSet<>();
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) present.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
        present.remove("flyway_schema_history");
        List<String> ordered = new ArrayList<>(ORDER.stream().filter(present::contains).toList());
        present.stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
        return ordered;
    }

    private static Set<String> tables(Jdbc tx) {
        return new LinkedHashSet<>(tx.query("SELECT name FROM sqlite_master WHERE type = 'table'", rs -> rs.getString(1)));
    }

    private static int copy(Connection h2, Jdbc tx, String table) throws SQLException {
        int rows = 0;
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table.toUpperCase(Locale.ROOT)
                + (hasIdColumn(h2, table) ? " ORDER BY ID" : ""))) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            // Older portals could store two verdicts on one rerun; the unique index of V97 takes the
            // first (rows come by id) and leaves the others out, as that migration does in place.
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")"
                    + (table.equals("run_verifications") ? " ON CONFLICT (rerun_id) DO NOTHING" : "");
            while (rs.next()) {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    Object v = rs.getObject(i + 1);
                    values[i] = v instanceof OffsetDateTime t ? t.toInstant() : v;
                }
                rows += tx.update(sql, values);
            }
        }
        return rows;
    }

    private static boolean hasIdColumn(Connection h2, String table) throws SQLException {
        try (ResultSet rs = h2.getMetaData().getColumns(null, "PUBLIC", table.toUpperCase(Locale.ROOT), "ID")) {
            return rs.next();
        }
    }
}
