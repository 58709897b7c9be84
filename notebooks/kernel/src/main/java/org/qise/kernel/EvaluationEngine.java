package org.qise.kernel;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.qise.engine.fast.JitFlags;
import org.qise.notebook.DisplayWire;
import org.qise.notebook.MimeBundle;

/**
 * Runs notebook cells with JShell. The cells' code runs in a separate Java VM (JShell's
 * remote agent, started over JDI): a stuck cell can then be stopped wherever it is, a
 * {@code System.exit} costs the notebook its state but not the kernel, and the notebook VM
 * gets the full JIT while the kernel itself starts fast.
 *
 * <p>Values are drawn inside the notebook VM (see {@link org.qise.notebook.Renderers}) and come
 * back through its standard output; {@link DisplayDemultiplexer} separates them from text.
 */
public final class EvaluationEngine implements AutoCloseable {
    /**
     * Every notebook starts with these: the everyday JDK packages (as the jshell tool has them)
     * and the QISE API. An import whose package is missing is left out.
     */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.nio.file.*;",
            "import org.qise.circuit.*;",
            "import org.qise.sim.*;",
            "import org.qise.draw.*;",
            "import org.qise.notebook.*;",
            "import org.qise.workshop.*;",
            "import static org.qise.notebook.Display.*;",
            "import static org.qise.notebook.Checks.check;");

    /** The notebook VM gets the same flags as the qise command. */
    static final List<String> NOTEBOOK_VM_OPTIONS = List.of(
            "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss4m", JitFlags.TRAP_LIMIT, JitFlags.NO_TIER2,
            "-Djava.awt.headless=true"); // PNG pictures are drawn with Java2D, never on a screen

    private static final Set<String> PRIMITIVES =
            Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

    /** What tab completion offers: replace [start, end) of the cell with one of the options. */
    public record Completion(List<String> options, int start, int end) {}

    /** Whether a cell can run as it is, as answered to the front end's "is it complete?". */
    public enum Readiness { COMPLETE, INCOMPLETE, INVALID }

    private final List<String> classpath;
    private final BatchedOutput out;
    private final BatchedOutput err;
    private final InputStream in;
    private final DisplaySink displays;
    private final Path workingDirectory = Path.of("").toAbsolutePath();

    private JShell shell;
    private CellSplitter splitter;
    private ErrorReports reports;
    private volatile boolean alive;
    private volatile boolean executing;
    private volatile boolean interruptRequested;
    /** Counts cells run, so that a stop meant for one cell never reaches the next. */
    private long cellsStarted;
    private final Object stopLock = new Object();
    private volatile MimeBundle pendingResult;

    /**
     * Starts a notebook VM.
     *
     * @param classpath jars and folders the notebook code can use (the simulator among them)
     * @param out       receives what the notebook prints to System.out
     * @param err       receives what the notebook prints to System.err, and kernel notes
     * @param in        what the notebook reads from System.in
     * @param displays  receives what the notebook shows with {@code display(…)}
     */
    public EvaluationEngine(List<String> classpath, OutputStream out, OutputStream err, InputStream in,
                            Consumer<MimeBundle> displays) {
        this(classpath, out, err, in, new DisplaySink() {
            @Override
            public void show(MimeBundle bundle, String displayId) {
                displays.accept(bundle);
            }

            @Override
            public void update(String displayId, MimeBundle bundle) {
                displays.accept(bundle);
            }
        });
    }

    /** As above, with displays that can be updated in place (progress bars). */
    public EvaluationEngine(List<String> classpath, OutputStream out, OutputStream err, InputStream in,
                            DisplaySink displays) {
        this.classpath = new ArrayList<>(classpath);
        this.out = new BatchedOutput(out, BatchedOutput.DEFAULT_CAP_BYTES);
        this.err = new BatchedOutput(err, BatchedOutput.DEFAULT_CAP_BYTES);
        this.in = in;
        this.displays = displays;
        start();
    }

    /** The class path of this JVM, which is what the kernel hands on to its notebooks. */
    public static List<String> currentClasspath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** The notebook VM's options: ours, then any from $QISE_NOTEBOOK_JAVA_OPTS (e.g. -Xmx16g). */
    static List<String> notebookVmOptions() {
        List<String> options = new ArrayList<>(NOTEBOOK_VM_OPTIONS);
        String extra = System.getenv("QISE_NOTEBOOK_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    private void start() {
        DisplayDemultiplexer demultiplexer = new DisplayDemultiplexer(out, this::received);
        shell = JShell.builder()
                .executionEngine("jdi:launch(true)")
                .remoteVMOptions(notebookVmOptions().toArray(String[]::new))
                .out(new PrintStream(demultiplexer, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .in(in)
                .build();
        alive = true;
        shell.onShutdown(closed -> alive = false);
        classpath.forEach(shell::addToClasspath);
        splitter = new CellSplitter(shell.sourceCodeAnalysis());
        reports = new ErrorReports(shell);
        for (String importLine : DEFAULT_IMPORTS) {
            shell.eval(importLine); // a rejected import (package not on the class path) is simply absent
        }
    }

    private void received(DisplayWire.Message message) {
        flushQuietly(); // the text printed before a picture shows before it
        switch (message.kind()) {
            case RESULT -> pendingResult = message.bundle();
            case DISPLAY -> displays.show(message.bundle(), message.displayId());
            case UPDATE -> displays.update(message.displayId(), message.bundle());
        }
    }

    /**
     * Runs one cell: its %-lines, then its snippets in order. The value of a last expression
     * (unless it ends in ';') is returned drawn by its renderer.
     *
     * @param cellNumber the execution count the notebook shows, used in error reports
     * @throws CellException for a compile error, an exception thrown by the cell, an interrupt
     *                       or a bad %-line; snippets before the failing one have run
     */
    public synchronized Optional<MimeBundle> execute(String cell, int cellNumber) throws CellException {
        if (!alive) {
            restart();
        }
        Magics.Parsed parsed = Magics.parse(cell, workingDirectory);
        long startNanos = System.nanoTime();
        CellText text = new CellText(parsed.code());
        pendingResult = null;
        out.startCell();
        err.startCell();
        parsed.notes().forEach(this::note);
        parsed.classpath().forEach(this::addToClasspath);
        synchronized (stopLock) {
            interruptRequested = false;
            cellsStarted++;
            executing = true;
        }
        try {
            List<CellSnippet> snippets = splitter.split(parsed.code());
            for (int i = 0; i < snippets.size(); i++) {
                CellSnippet snippet = snippets.get(i);
                List<SnippetEvent> events = shell.eval(snippet.code());
                if (interruptRequested) {
                    throw new ExecutionInterruptedException();
                }
                // One snippet of source can make several (int a = 1, b = 2;); events caused by
                // them (dependent declarations updated) have a cause and need no report.
                List<SnippetEvent> own = events.stream().filter(e -> e.causeSnippet() == null).toList();
                for (SnippetEvent event : own) {
                    reports.remember(event.snippet(), cellNumber, text.lineOf(snippet.offset()));
                    check(event, snippet, text);
                }
                if (i == snippets.size() - 1 && !snippet.endsInSemicolon() && !own.isEmpty()) {
                    showResult(own.getLast());
                }
            }
        } catch (IllegalStateException e) {
            if (alive) {
                throw e;
            }
            throw notebookVmExited();
        } finally {
            synchronized (stopLock) {
                executing = false;
            }
            if (parsed.timed()) {
                print(out, String.format(java.util.Locale.ROOT, "Wall time: %.3f s", (System.nanoTime() - startNanos) / 1e9));
            }
            endCellQuietly();
        }
        if (!alive) {
            throw notebookVmExited();
        }
        return Optional.ofNullable(pendingResult);
    }

    private static UserCodeException notebookVmExited() {
        return new UserCodeException("the notebook's Java VM exited; the next cell starts a fresh one",
                List.of("The notebook's Java VM exited (System.exit or a crash).",
                        "The next cell starts a fresh one: earlier definitions are gone."));
    }

    /** Adds a jar or class folder for the compiler and the notebook VM. */
    public synchronized void addToClasspath(Path entry) {
        String path = entry.toAbsolutePath().toString();
        classpath.add(path);
        shell.addToClasspath(path);
        print(out, "Added to the class path: " + path);
    }

    /**
     * Stops the running cell, wherever it is. Safe to call from any thread and at any time;
     * the stop request is repeated until the cell has ended, since a cell that is still being
     * compiled when the request comes has nothing to stop yet.
     */
    public void interrupt() {
        long cell;
        synchronized (stopLock) {
            if (!executing) {
                return;
            }
            interruptRequested = true;
            cell = cellsStarted;
        }
        Thread stopper = new Thread(() -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                synchronized (stopLock) {
                    if (!executing || cellsStarted != cell) {
                        return;
                    }
                    shell.stop();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "qise-interrupt");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Whether a cell is running now. */
    public boolean isExecuting() {
        return executing;
    }

    /** Completion options for the cursor position in a cell. */
    public synchronized Completion complete(String cell, int cursor) {
        String code = Magics.blankOut(cell);
        int start = splitter.snippetStartAt(code, cursor);
        String snippet = code.substring(start, cursor);
        int[] anchor = new int[1];
        List<String> options = shell.sourceCodeAnalysis()
                .completionSuggestions(snippet, snippet.length(), anchor).stream()
                .sorted(Comparator.comparing((SourceCodeAnalysis.Suggestion s) -> !s.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new Completion(options, start + anchor[0], cursor);
    }

    /**
     * The signatures (and with {@code detail}, the Javadoc where the JDK has it) of what the
     * cursor is on, for the front end's help tooltip; empty when there is nothing to say.
     */
    public synchronized Optional<String> documentation(String cell, int cursor, boolean detail) {
        String code = Magics.blankOut(cell);
        int start = splitter.snippetStartAt(code, cursor);
        String snippet = code.substring(start, cursor);
        List<String> entries = shell.sourceCodeAnalysis().documentation(snippet, snippet.length(), detail).stream()
                .map(doc -> {
                    String javadoc = doc.javadoc();
                    if (javadoc == null || javadoc.isBlank()) {
                        // JShell only knows the JDK's sources; QISE's come from the kernel jar,
                        // shown even at Shift-Tab's first level (detail false), where the JDK's are not.
                        javadoc = QiseJavadoc.forSignature(doc.signature()).orElse(null);
                    }
                    return javadoc == null || javadoc.isBlank() ? doc.signature() : doc.signature() + "\n\n" + javadoc.strip();
                })
                .distinct()
                .toList();
        return entries.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", entries));
    }

    /** Whether the cell is complete Java, unfinished (an open brace), or cannot be Java at all. */
    public synchronized Readiness readiness(String cell) {
        String rest = Magics.blankOut(cell);
        while (true) {
            int start = CellSplitter.skipBlankAndComments(rest, 0);
            if (start >= rest.length()) {
                return Readiness.COMPLETE;
            }
            SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest.substring(start));
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                case EMPTY -> { return Readiness.COMPLETE; }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> { return Readiness.INCOMPLETE; }
                default -> { return Readiness.INVALID; }
            }
        }
    }

    @Override
    public void close() {
        alive = false;
        shell.close();
    }

    private void restart() {
        try {
            shell.close();
        } catch (RuntimeException ignored) {
            // it is gone already
        }
        start();
        note("Started a fresh notebook VM (the previous one had exited).");
    }

    private void check(SnippetEvent event, CellSnippet snippet, CellText text) throws CellException {
        Snippet s = event.snippet();
        switch (event.status()) {
            case REJECTED -> throw reports.compilationError(s, snippet, text);
            case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> note("Note: " + reports.unusableUntilDeclared((DeclarationSnippet) s) + ".");
            default -> { }
        }
        if (event.exception() != null) {
            throw reports.userError(event.exception());
        }
    }

    private void showResult(SnippetEvent event) {
        Snippet s = event.snippet();
        String name;
        String type;
        if (s instanceof VarSnippet variable && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            name = variable.name();
            type = variable.typeName();
        } else if (s instanceof ExpressionSnippet expression) {
            name = expression.name();
            type = expression.typeName();
        } else {
            return;
        }
        if (!PRIMITIVES.contains(type)) {
            shell.eval("org.qise.notebook.KernelHooks.result(" + name + ");");
        }
        if (pendingResult == null && event.value() != null) {
            pendingResult = MimeBundle.text(event.value());
        }
    }

    private void note(String message) {
        print(err, message);
    }

    private static void print(OutputStream stream, String message) {
        try {
            stream.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (java.io.IOException ignored) {
            // nowhere left to report to
        }
    }

    private void flushQuietly() {
        try {
            out.flushNow();
            err.flushNow();
        } catch (java.io.IOException ignored) {
            // the streams lead to the front end; nothing to do if it is gone
        }
    }

    private void endCellQuietly() {
        try {
            out.endCell();
            err.endCell();
        } catch (java.io.IOException ignored) {
            // the streams lead to the front end; nothing to do if it is gone
        }
    }
}
