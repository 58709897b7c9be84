package org.qise.portal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the portal database (embedded SQLite in a data directory, or PostgreSQL) behind a
 * bounded connection pool and brings its schema up to date with the Flyway migrations.
 *
 * <p>Durability: SQLite runs in WAL mode with {@code synchronous=FULL}, so a commit returns only
 * after the write-ahead log holding it has been fsync'ed; what was acknowledged survives a killed
 * process and also a power cut or OS crash. ({@code NORMAL} would survive a killed process too,
 * but could lose the last commits on power loss, because it syncs the log only at checkpoints.)
 * PostgreSQL commits are durable with its defaults ({@code fsync=on, synchronous_commit=on}).
 *
 * <p>Migrations: {@code db/sqlite} (SQLite) or {@code db/identity} (H2 and PostgreSQL) hold the
 * schema up to V21 in each dialect; {@code db/migration} holds later migrations shared by both,
 * where {@code ${auto_id}} stands for an auto-generated, never reused BIGINT primary key;
 * {@code db/postgresql} holds what only PostgreSQL has (V50: the tsvector search index; SQLite's
 * FTS5 twin is in {@code db/sqlite}), kept out of {@code db/identity}, which old H2 files also use.
 */
public final class Database implements AutoCloseable {
    /** The SQL flavour; only what the portal's plain SQL needs to know. */
    public enum Dialect { SQLITE, POSTGRESQL }

    /** Connections wait at most this long for a free one; then the request gets 503 and Retry-After. */
    public static final Duration POOL_WAIT = Duration.ofSeconds(2);
    /** A SQLite write waits at most this long for another writer before it fails as busy. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String description;
    private AutoCloseable dirLock = () -> {};

    private Database(DataSource dataSource, Dialect dialect, int maxConnections, String description) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName("qise-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setConnectionTimeout(POOL_WAIT.toMillis());
        // At start-up the database may take a while to answer (a server still booting); wait for it.
        config.setInitializationFailTimeout(Duration.ofSeconds(60).toMillis());
        this.pool = new HikariDataSource(config);
        this.dialect = dialect;
        this.description = description;
    }

    /** The SQLite file {@code portal.sqlite} in {@code dataDir} (created if missing). */
    public static Database sqlite(Path dataDir) {
        return sqlite(dataDir, 8);
    }

    /** As {@link #sqlite(Path)} with a pool of {@code maxConnections} (tests use 1 to prove no code needs two at once). */
    public static Database sqlite(Path dataDir, int maxConnections) {
        Path file = sqliteFile(dataDir);
        if (!java.nio.file.Files.exists(file) && java.nio.file.Files.exists(dataDir.resolve("portal.mv.db"))) {
            throw new IllegalStateException(dataDir + " holds the H2 database of an older portal (portal.mv.db); copy it into"
                    + " the SQLite database first: qise portal import-h2 --data " + dataDir + " " + dataDir);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir, "starting another portal on it");
        try {
            Database db = openSqlite(file, maxConnections);
            db.dirLock = lock;
            return db;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The SQLite file without the directory lock (for backup, which may run beside a live portal). */
    static Database openSqlite(Path file, int maxConnections) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // BEGIN IMMEDIATE: a transaction takes the write lock at its start, so two transactions
        // that read and then write cannot deadlock on the lock upgrade (SQLITE_BUSY at once).
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        Database db = new Database(ds, Dialect.SQLITE, maxConnections, "SQLite database " + file + " (WAL, synchronous=FULL)");
        db.migrate();
        return db;
    }

    /** Where {@link #sqlite} keeps its file. */
    public static Path sqliteFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("portal.sqlite");
    }

    /** A PostgreSQL database. */
    public static Database postgres(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only jdbc:postgresql:// URLs are supported, got " + url);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) ds.setUser(user);
        if (password != null) ds.setPassword(password);
        Database db = new Database(ds, Dialect.POSTGRESQL, 16, "PostgreSQL " + url);
        db.migrate();
        return db;
    }

    private void migrate() {
        boolean sqlite = dialect == Dialect.SQLITE;
        Flyway.configure().dataSource(pool)
                .locations(sqlite ? new String[] {"classpath:db/sqlite", "classpath:db/migration"}
                        : new String[] {"classpath:db/identity", "classpath:db/migration", "classpath:db/postgresql"})
                .placeholders(Map.of("auto_id", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                        : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"))
                .load().migrate();
    }

    public DataSource dataSource() { return pool; }

    public Dialect dialect() { return dialect; }

    public Jdbc jdbc() { return new Jdbc(pool, dialect); }

    public String description() { return description; }

    /** Whether a connection can be had and answers now (for /readyz). */
    public boolean ready() {
        try (var c = pool.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        try {
            AutoCloseable lock = dirLock;
            dirLock = () -> {};
            lock.close();
        } catch (Exception e) {
            throw new IllegalStateException("releasing the data directory lock failed", e);
        }
    }
}
