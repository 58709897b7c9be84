package org.qise.portal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;

/**
 * Backup and restore of the embedded SQLite database. A backup is {@code VACUUM INTO}: one
 * consistent, compacted copy taken inside a read transaction, so it can run while the portal
 * is serving (WAL readers do not block the writer). A restore needs the portal stopped; it
 * first saves the current database beside it, then copies the backup in through SQLite's
 * online backup API, which also takes care of the write-ahead log, and keeps every id sequence
 * past the ids the replaced database had handed out.
 */
public final class SqliteBackup {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SqliteBackup() {}

    /** Writes a consistent copy of the data directory's database to {@code target} (which must not exist). */
    public static void backup(Path dataDir, Path target) {
        Path file = Database.sqliteFile(dataDir);
        if (!Files.exists(file)) throw new IllegalArgumentException("there is no portal database in " + dataDir + " (" + file + ")");
        if (Files.exists(target)) throw new IllegalArgumentException(target + " exists already; name a new file");
        try (Connection c = open(file); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO " + literal(target.toAbsolutePath().toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("backup of " + file + " failed: " + e.getMessage(), e);
        }
        requireIntact(target);
    }

    /**
     * Replaces the data directory's database with a backup. The current one, if any, is first
     * saved as {@code portal.sqlite.before-restore-<epoch seconds>}; returns that path or null.
     */
    public static Path restore(Path dataDir, Path backup) {
        requireIntact(backup);
        try (DataDirLock lock = DataDirLock.acquire(dataDir, "restoring")) {
            Path file = Database.sqliteFile(dataDir);
            Path saved = null;
            Map<String, Long> handedOut = Map.of();
            if (Files.exists(file)) {
                saved = file.resolveSibling("portal.sqlite.before-restore-" + java.time.Instant.now().getEpochSecond());
                backup(dataDir, saved);
                handedOut = sequences(file);
            }
            try (Connection c = open(file); Statement s = c.createStatement()) {
                s.executeUpdate("restore from " + literal(backup.toAbsolutePath().toString()));
                keepSequencesAtLeast(c, handedOut);
            } catch (SQLException e) {
                throw new IllegalStateException("restore into " + file + " failed: " + e.getMessage(), e);
            }
            requireIntact(file);
            return saved;
        }
    }

    /** The highest id each AUTOINCREMENT table has ever handed out. */
    private static Map<String, Long> sequences(Path file) {
        Map<String, Long> seq = new java.util.HashMap<>();
        try (Connection c = open(file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
            while (rs.next()) seq.put(rs.getString(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the id sequences of " + file + ": " + e.getMessage(), e);
        }
        return seq;
    }

    /**
     * A restored backup would hand out again the ids given to items created after it was taken
     * (which the restore removes); links to those must not come to name something else. So each
     * id sequence continues after the highest id the replaced database had handed out.
     */
    private static void keepSequencesAtLeast(Connection c, Map<String, Long> handedOut) throws SQLException {
        for (var e : handedOut.entrySet()) {
            try (var update = c.prepareStatement("UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?")) {
                update.setLong(1, e.getValue());
                update.setString(2, e.getKey());
                update.setLong(3, e.getValue());
                update.executeUpdate();
            }
            try (var insert = c.prepareStatement("INSERT INTO sqlite_sequence (name, seq) SELECT ?, ?"
                    + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)"
                    + " AND EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)")) {
                insert.setString(1, e.getKey());
                insert.setLong(2, e.getValue());
                insert.setString(3, e.getKey());
                insert.setString(4, e.getKey());
                insert.executeUpdate();
            }
        }
    }

    /** A readable message unless the file is an intact SQLite database written by the portal. */
    static void requireIntact(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " does not exist");
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(HEADER.length), HEADER)) {
                throw new IllegalArgumentException(file + " is not a SQLite database");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (Connection c = open(file); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("PRAGMA integrity_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) throw new IllegalArgumentException(file + " is damaged: " + result);
            }
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'flyway_schema_history'")) {
                if (!rs.next() || rs.getInt(1) != 1) throw new IllegalArgumentException(file + " is not a portal database");
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(file + " cannot be read as a SQLite database: " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Database.SQLITE_BUSY_TIMEOUT_MS);
        }
        return c;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
