package org.qise.portal.search;

import org.qise.portal.TestStore;

/** The search contract on the embedded store: SQLite with its FTS5 index. */
class SqliteSearchServiceTest extends SearchServiceContract {
    @Override
    TestStore open() throws Exception {
        return TestStore.open("sqlite", "qise-search-");
    }
}
