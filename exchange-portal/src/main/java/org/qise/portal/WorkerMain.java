package org.qise.portal;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qise.portal.db.Database;
import org.qise.portal.runs.RunConfig;
import org.qise.portal.runs.RunWorker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qise worker --database jdbc:postgresql://…}: runs the portal's queued runs in a process
 * of its own, on this machine or any other that reaches the database. Any number of workers may
 * serve one portal; see the exchange-portal README ("Run workers").
 */
@Command(name = "qise worker", mixinStandardHelpOptions = true, version = "QISE run worker 0.1.0",
        description = "Takes queued runs from the exchange portal's PostgreSQL database, simulates them and stores the results.",
        footer = {"", "Start the portal with --no-run-workers to leave every run to workers (or keep its own as well).",
                "User and password may also come from QISE_DB_USER and QISE_DB_PASSWORD.",
                "Exit status: 0 after SIGTERM/Ctrl-C, 1 when the database cannot be used, 2 for bad options."})
public final class WorkerMain implements Callable<Integer> {
    @Option(names = "--database", required = true, paramLabel = "JDBC_URL",
            description = "The portal's PostgreSQL database, e.g. jdbc:postgresql://db.example.org/qise.")
    String database;

    @Option(names = "--user", description = "Database user (default: $QISE_DB_USER).")
    String user;

    @Option(names = "--password", description = "Database password (default: $QISE_DB_PASSWORD; prefer the variable,"
            + " which other users of the machine cannot read from the process list).")
    String password;

    @Option(names = "--name", description = "How this worker is recorded on the runs it takes (default: host-pid).")
    String name;

    @Option(names = "--slots", description = "Runs simulated at once (default: half the cores, at least 1).")
    Integer slots;

    @Option(names = "--threads-per-run", description = "Threads each simulation may use (default: the cores shared out among the slots).")
    Integer threadsPerRun;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a run stays this worker's without a heartbeat (renewed every third of it); after that"
                    + " another worker may take it over (default: ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "500",
            description = "How long an idle worker waits before looking for runs again (default: ${DEFAULT-VALUE}).")
    int pollMillis;

    @Option(names = "--max-attempts", defaultValue = "3",
            description = "A run whose worker stopped answering this many times fails instead of being taken again"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--max-running-per-user", paramLabel = "N",
            description = "Runs of one person that may run at once on all workers together; give every worker (and the portal)"
                    + " the same value (default: 2, the portal's default).")
    Integer maxRunningPerUser;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new WorkerMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("qise worker: " + PortalMain.explain(e));
            return 1;
        });
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        String problem = badDatabase(database);
        if (problem != null) {
            System.err.println("qise worker: " + problem);
            return 2;
        }
        if (leaseSeconds < 1 || pollMillis < 1 || maxAttempts < 1 || (slots != null && slots < 1)
                || (threadsPerRun != null && threadsPerRun < 1) || (maxRunningPerUser != null && maxRunningPerUser < 1)) {
            System.err.println("qise worker: --lease, --poll, --max-attempts, --slots, --threads-per-run and --max-running-per-user"
                    + " must be at least 1");
            return 2;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        RunConfig defaults = RunConfig.defaults();
        int n = slots != null ? slots : defaults.workers();
        int threads = threadsPerRun != null ? threadsPerRun : Math.max(1, cores / n);
        RunConfig config = new RunConfig(n, 0, threads, defaults.queueCapacity(), defaults.maxQueuedPerUser(),
                maxRunningPerUser != null ? maxRunningPerUser : defaults.maxRunningPerUser(), defaults.maxQubits(), defaults.maxShots(), defaults.maxGates(), defaults.timeout(),
                defaults.memoryBytes());
        String worker = name != null && !name.isBlank() ? name.strip() : defaultName();
        Database db = Database.postgres(database, user != null ? user : System.getenv("QISE_DB_USER"),
                password != null ? password : System.getenv("QISE_DB_PASSWORD"));
        RunWorker runWorker = new RunWorker(db.jdbc(), config,
                new RunWorker.Settings(worker, n, Duration.ofSeconds(leaseSeconds), Duration.ofMillis(pollMillis), maxAttempts),
                Clock.systemUTC(), out);
        out.println("QISE run worker " + worker);
        out.println("  database: " + db.description());
        out.println("  " + n + " run(s) at once, " + threads + " thread(s) each, lease " + leaseSeconds + " s");
        out.println("  stop with Ctrl-C (runs in hand go back to the queue)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runWorker.close();
            db.close();
        }, "worker-shutdown"));
        runWorker.start();
        runWorker.join();
        return 0;
    }

    /** Why a URL cannot serve as the shared queue, or null when it is a PostgreSQL URL. */
    static String badDatabase(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) return null;
        String what = u.startsWith("jdbc:h2:") || u.endsWith(".mv.db") ? "an H2 database"
                : u.startsWith("jdbc:sqlite:") || u.endsWith(".sqlite") || u.endsWith(".db") ? "a SQLite database"
                : "not a PostgreSQL JDBC URL";
        return "--database " + url + " is " + what + "; workers share the portal's run queue through PostgreSQL"
                + " (SELECT … FOR UPDATE SKIP LOCKED), so give jdbc:postgresql://HOST[:PORT]/DB. A portal on its embedded"
                + " database runs its runs itself.";
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

}
