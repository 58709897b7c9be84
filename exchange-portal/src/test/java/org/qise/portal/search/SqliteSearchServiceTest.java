package org.qise.portal.search;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.qise.portal.db.Database;

/** The search contract on the embedded store: SQLite with its FTS5 index. */
class SqliteSearchServiceTest extends SearchServiceContract {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return Database.sqlite(dir);
    }
}
