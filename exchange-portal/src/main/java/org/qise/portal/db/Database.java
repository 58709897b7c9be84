package org.qise.portal.db;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the portal database (embedded H2 in a data directory, or PostgreSQL) and brings its
 * schema up to date with the Flyway migrations in {@code db/migration}.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    private final String description;
    private final AutoCloseable closer;

    private Database(DataSource dataSource, String description, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.description = description;
        this.closer = closer;
    }

    /**
     * An H2 database file {@code portal.mv.db} in {@code dataDir}. WRITE_DELAY=0 makes every
     * commit reach the file before the statement returns, so a killed process loses nothing
     * that was acknowledged.
     */
    public static Database h2(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("portal");
        String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "qise", "");
        pool.setMaxConnections(32);
        Database db = new Database(pool, "H2 database " + file + ".mv.db", () -> {
            try (var c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } finally {
                pool.dispose();
            }
        });
        db.migrate();
        return db;
    }

    /** A PostgreSQL database (no connection pool: fine for a cohort-sized portal). */
    public static Database postgres(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only jdbc:postgresql:// URLs are supported, got " + url);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) ds.setUser(user);
        if (password != null) ds.setPassword(password);
        Database db = new Database(ds, "PostgreSQL " + url, () -> {});
        db.migrate();
        return db;
    }

    private void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public DataSource dataSource() { return dataSource; }

    public Jdbc jdbc() { return new Jdbc(dataSource); }

    public String description() { return description; }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + description + " failed", e);
        }
    }
}
