package org.qise.portal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qise.portal.db.H2Import;
import org.qise.portal.db.SqliteBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qise portal backup|restore|import-h2}: the data-directory chores of the embedded
 * database. Failures are one line on stderr and exit code 2 (bad input) or 1 (anything else).
 */
final class DataCommands {
    private DataCommands() {}

    /** Shared --data option. */
    static class DataDir {
        @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the portal (default: ./qise-data).")
        Path data = Path.of("qise-data");
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Writes a consistent copy of the embedded database to FILE (SQLite VACUUM INTO).",
                    "Safe while the portal is running. For PostgreSQL use pg_dump."})
    static final class Backup extends DataDir implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The backup to write; must not exist.")
        Path file;

        @Override
        public Integer call() {
            return report(() -> {
                SqliteBackup.backup(data, file);
                System.out.println("backup of " + data + " written to " + file);
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Replaces the embedded database with the backup FILE. Stop the portal first.",
                    "The current database is saved beside it as portal.sqlite.before-restore-<seconds>."})
    static final class Restore extends DataDir implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A backup written by 'qise portal backup'.")
        Path file;

        @Override
        public Integer call() {
            return report(() -> {
                Path saved = SqliteBackup.restore(data, file);
                System.out.println("restored " + file + " into " + data
                        + (saved == null ? "" : " (the previous database is kept as " + saved + ")"));
            });
        }
    }

    @Command(name = "import-h2", mixinStandardHelpOptions = true,
            description = {"Copies the H2 database (portal.mv.db) of an older portal in OLD_DIR into a new",
                    "SQLite database in --data, keeping every id. OLD_DIR may equal --data."})
    static final class ImportH2 extends DataDir implements Callable<Integer> {
        @Parameters(paramLabel = "OLD_DIR", description = "Data directory holding portal.mv.db.")
        Path oldDir;

        @Override
        public Integer call() {
            return report(() -> {
                Map<String, Integer> rows = H2Import.run(oldDir, data);
                System.out.println("imported " + oldDir.resolve("portal.mv.db") + " into " + data + ":");
                rows.forEach((table, n) -> System.out.println("  " + table + ": " + n + " rows"));
            });
        }
    }

    private static int report(Runnable work) {
        try {
            work.run();
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("qise portal: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("qise portal: " + PortalMain.explain(e));
            return 1;
        }
    }
}
