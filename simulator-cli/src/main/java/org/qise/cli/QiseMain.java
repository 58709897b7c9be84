package org.qise.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qise.Version;
import org.qise.engine.StateTooLargeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code qise} command: {@code run}, {@code draw}, {@code export}, {@code bench}, {@code version},
 * {@code push}, and {@code portal} (which the launcher starts from exchange-portal/).
 *
 * <p>Exit codes: 0 success, 2 bad input or usage (reported as {@code qise: error: …}, never a
 * stack trace), 1 an unexpected internal error (its stack trace shown with {@code QISE_DEBUG=1}).
 * Tests create an instance with their own streams and call {@link #execute}; only
 * {@link #main} exits the JVM.
 */
@Command(name = "qise", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = "Simulate, draw and export OpenQASM 2.0 circuits.")
public final class QiseMain implements Callable<Integer> {
    static final int OK = 0, INTERNAL_ERROR = 1, BAD_INPUT = 2;

    /**
     * The subcommands, in the order usage lists them. They are registered in {@link #execute}
     * rather than in the annotation because picocli builds each command's model by reflection,
     * which dominates a small run's start-up: when the first argument names one of them, only
     * that one is built (see docs/engine.md, start-up).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("draw", DrawCommand.class);
        m.put("export", ExportCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("version", VersionCommand.class);
        m.put("push", PushCommand.class);
        m.put("portal", PortalCommand.class);
        m.put("worker", WorkerCommand.class);
        m.put("sweep", SweepCommand.class);
        m.put("grad", GradCommand.class);
        m.put("batch", BatchCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    private final boolean interactive;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param interactive whether stderr is a terminal a person watches (progress lines are shown)
     */
    public QiseMain(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, boolean interactive) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = Map.copyOf(env);
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        // The ./qise launcher tests stderr itself (Java can only tell about stdin and stdout):
        // progress belongs on stderr even when stdout goes to a file.
        String launcherSays = System.getProperty("qise.stderr.tty");
        var console = System.console();
        boolean stderrIsTerminal = launcherSays != null ? Boolean.parseBoolean(launcherSays) : console != null && console.isTerminal();
        boolean interactive = stderrIsTerminal && !"dumb".equals(env.get("TERM")) && !"0".equals(env.get("QISE_PROGRESS"));
        int code = new QiseMain(out, err, System.in, env, interactive).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code; never exits the JVM. */
    public int execute(String... args) {
        CommandLine cmd = new CommandLine(this);
        // "help" lists every command, so it needs them all; so do root options and unknown words.
        Class<?> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null) {
            cmd.addSubcommand(args[0], only);
        } else {
            SUBCOMMANDS.forEach(cmd::addSubcommand);
        }
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler(this::usageError);
        cmd.setExecutionExceptionHandler((e, c, parsed) -> failure(e));
        try {
            return cmd.execute(args);
        } catch (Throwable e) { // errors (out of memory, stack overflow) that picocli passes through
            return failure(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code qise} with no command: say what there is. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    private int usageError(ParameterException e, String[] args) {
        boolean root = e.getCommandLine().getCommandName().equals("qise");
        String message = e.getMessage();
        if (root && e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().getFirst().startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().getFirst() + "'";
        }
        err.println("qise: error: " + message);
        if (root) err.print(e.getCommandLine().getUsageMessage());
        err.println("Run '" + (root ? "qise --help" : "qise " + e.getCommandLine().getCommandName() + " --help") + "' for usage.");
        return BAD_INPUT;
    }

    /** Turns an exception from a command into a message and an exit code. */
    int failure(Throwable e) {
        if (LeanStart.missingVectorApi(e)) {
            if (LeanStart.active()) return LeanStart.NEEDS_VECTOR_API; // the launcher runs it again with the module
            return report(LeanStart.MODULE_NEEDED);
        }
        if (debug()) e.printStackTrace(err);
        Throwable cause = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return switch (cause) {
            case UserError u -> report(u.getMessage());
            case org.qise.qasm.QasmException q -> report(q.getMessage()); // an OpenQASM 3 program failing while it runs
            case StateTooLargeException s -> report(s.getMessage()); // says how much memory the state needs
            case org.qise.engine.mpi.MpiException m -> report(m.getMessage()); // launched wrongly, or no MPI library
            case OutOfMemoryError o -> report("ran out of memory (the JVM may use at most "
                    + StateTooLargeException.formatBytes(Runtime.getRuntime().maxMemory())
                    + "); simulate fewer qubits or shots, or give the JVM more memory with -Xmx");
            default -> {
                err.println("qise: internal error: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                if (!debug()) err.println("This is a bug in qise; run with QISE_DEBUG=1 for the stack trace.");
                yield INTERNAL_ERROR;
            }
        };
    }

    private int report(String message) {
        err.println("qise: error: " + message);
        return BAD_INPUT;
    }

    private boolean debug() {
        String d = env.get("QISE_DEBUG");
        return d != null && !d.isEmpty() && !d.equals("0");
    }

    PrintStream out() { return out; }

    PrintStream err() { return err; }

    InputStream in() { return in; }

    /** An environment variable, or null. */
    String env(String name) { return env.get(name); }

    boolean interactive() { return interactive; }

    /** Terminal width for drawings and histograms: $COLUMNS when set, else 80. */
    int terminalWidth() {
        try {
            int w = Integer.parseInt(env.getOrDefault("COLUMNS", "80").strip());
            return w >= 20 ? w : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** What {@code qise --version} prints. */
    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"qise " + Version.get()};
        }
    }
}
