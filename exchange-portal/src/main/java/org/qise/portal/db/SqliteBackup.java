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

/**
 * Backup and restore of the embedded SQLite database. A backup is {@code VACUUM INTO}: one
 * consistent, compacted copy taken inside a read transaction, so it can run while the portal
 * is serving (WAL readers do not block the writer). A restore needs the portal stopped; it
 * first saves the current database beside it, then copies the backup in through SQLite's
 * online backup API, which also takes care of the write-ahead log.
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
            if (Files.exists(file)) {
                saved = file.resolveSibling("portal.sqlite.before-restore-" + java.time.Instant.now().getEpochSecond());
                backup(dataDir, saved);
            }
            try (Connection c = open(file); Statement s = c.createStatement()) {
                s.executeUpdate("restore from " + literal(backup.toAbsolutePath().toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("restore into " + file + " failed: " + e.getMessage(), e);
            }
            requireIntact(file);
            return saved;
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
