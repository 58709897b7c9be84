package org.qise.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.qise.portal.db.Database;

/**
 * The portal's database on either store, for tests that must hold on both: "sqlite" in a
 * temporary directory, "postgresql" in a {@link PostgresSchema} of its own (skipped without a
 * server, failing under CI=true). Closing it closes the database, then deletes the directory or
 * drops the schema.
 */
public final class TestStore implements AutoCloseable {
    private final Database db;
    private final Path dir;
    private final PostgresSchema schema;

    private TestStore(Database db, Path dir, PostgresSchema schema) {
        this.db = db;
        this.dir = dir;
        this.schema = schema;
    }

    /** A fresh, migrated store of this kind; {@code prefix} names the directory or schema, e.g. "qise_test_mail_". */
    public static TestStore open(String kind, String prefix) throws IOException, SQLException {
        switch (kind) {
            case "sqlite" -> {
                Path dir = Files.createTempDirectory(prefix);
                try {
                    return new TestStore(Database.sqlite(dir), dir, null);
                } catch (RuntimeException e) {
                    TestPortal.deleteTree(dir);
                    throw e;
                }
            }
            case "postgresql" -> {
                PostgresSchema schema = PostgresSchema.create(prefix);
                try {
                    return new TestStore(schema.open(), null, schema);
                } catch (RuntimeException e) {
                    schema.close();
                    throw e;
                }
            }
            default -> throw new IllegalArgumentException("no store \"" + kind + "\"; sqlite or postgresql");
        }
    }

    public Database db() {
        return db;
    }

    @Override
    public void close() throws SQLException {
        try {
            db.close();
        } finally {
            if (schema != null) schema.close();
            if (dir != null) TestPortal.deleteTree(dir);
        }
    }
}
