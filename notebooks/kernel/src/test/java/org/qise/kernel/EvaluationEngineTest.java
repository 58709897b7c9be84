package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qise.notebook.MimeBundle;

/** The kernel's evaluation engine, driven as the Jupyter side drives it, on a real notebook VM. */
class EvaluationEngineTest {
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    private static final List<MimeBundle> DISPLAYS = new CopyOnWriteArrayList<>();
    private static EvaluationEngine engine;
    private static int cellNumber;

    @BeforeAll
    static void startNotebookVm() {
        engine = new EvaluationEngine(EvaluationEngine.currentClasspath(), OUT, ERR,
                InputStream.nullInputStream(), DISPLAYS::add);
    }

    @AfterAll
    static void stopNotebookVm() {
        engine.close();
    }

    @BeforeEach
    void clearOutputs() {
        OUT.reset();
        ERR.reset();
        DISPLAYS.clear();
    }

    private static MimeBundle run(String cell) throws CellException {
        return engine.execute(cell, ++cellNumber).orElse(null);
    }

    private static String out() {
        return OUT.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lastExpressionIsTheCellResultAndStateCarriesOver() throws Exception {
        assertEquals(null, run("int answer = 6 * 7;"));
        MimeBundle result = run("String greeting = \"n=\" + answer;\ngreeting + \"!\"");
        assertEquals("n=42!", result.get(MimeBundle.TEXT));
        assertEquals("84", run("answer * 2").get(MimeBundle.TEXT));
    }

    @Test
    void trailingSemicolonKeepsTheValueQuiet() throws Exception {
        assertEquals(null, run("Math.max(3, 4);"));
    }

    @Test
    void printedTextReachesTheOutputStream() throws Exception {
        run("for (int i = 0; i < 3; i++) {\n  System.out.print(i);\n}\nSystem.out.println(\" done\");");
        assertEquals("012 done\n", out());
    }

    @Test
    void compileErrorNamesTheProblemAndWhereItIs() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> run("int ok = 1;\n\n  int bad = \"text\";\nint never = 2;"));
        CompilationException.Problem problem = e.problems().getFirst();
        assertEquals(3, problem.line());
        assertEquals(13, problem.column(), "column of the string literal");
        assertTrue(problem.message().contains("incompatible types"), problem.message());
        String report = String.join("\n", e.report());
        assertTrue(report.startsWith("Compilation error at line 3, column 13:"), report);
        assertTrue(report.contains("int bad = \"text\";"), report);
        assertFalse(report.contains("jdk.jshell"), report);
    }

    @Test
    void snippetsBeforeACompileErrorHaveRun() throws Exception {
        assertThrows(CompilationException.class, () -> run("int before = 5;\nint y = undefinedName;"));
        assertEquals("5", run("before").get(MimeBundle.TEXT));
    }

    @Test
    void runtimeErrorShowsOnlyNotebookFrames() throws Exception {
        run("int divide(int a, int b) {\n  int q = a / b;\n  return q;\n}");
        int definedIn = cellNumber;
        UserCodeException e = assertThrows(UserCodeException.class, () -> run("int x = 1;\ndivide(x, 0)"));
        assertEquals("java.lang.ArithmeticException: / by zero", e.getMessage());
        List<String> report = e.report();
        assertEquals("java.lang.ArithmeticException: / by zero", report.getFirst());
        assertTrue(report.contains("    at divide, cell [" + definedIn + "], line 2"), String.join("\n", report));
        assertTrue(report.contains("    at cell [" + cellNumber + "], line 2"), String.join("\n", report));
        for (String line : report) {
            assertFalse(line.contains("jdk.") || line.contains("org.qise.kernel") || line.contains("REPL")
                    || line.contains("reflect"), "kernel frame in report: " + line);
        }
    }

    @Test
    void interruptStopsAnEndlessLoopAndTheKernelStaysUsable() throws Exception {
        CompletableFuture<Throwable> loop = CompletableFuture.supplyAsync(() -> {
            try {
                run("long spins = 0;\nwhile (true) { spins++; }");
                return null;
            } catch (CellException e) {
                return e;
            }
        });
        while (!engine.isExecuting()) {
            Thread.onSpinWait();
        }
        Thread.sleep(300); // let the loop get going in the notebook VM
        engine.interrupt();
        // A functional bound, not a timing measurement: the cell must end rather than hang.
        Throwable outcome = loop.get(5, TimeUnit.SECONDS);
        assertInstanceOf(ExecutionInterruptedException.class, outcome);
        assertTrue(String.join("\n", ((CellException) outcome).report()).startsWith("Interrupted"));
        assertEquals("3", run("1 + 2").get(MimeBundle.TEXT));
    }

    @Test
    void interruptWhileIdleDoesNotAffectTheNextCell() throws Exception {
        engine.interrupt();
        assertEquals("7", run("3 + 4").get(MimeBundle.TEXT));
    }

    @Test
    void completionOffersMembersAndEarlierDeclarations() throws Exception {
        EvaluationEngine.Completion math = engine.complete("Math.ma", 7);
        assertTrue(math.options().contains("max("), math.options().toString());
        assertEquals(5, math.start());
        assertEquals(7, math.end());

        run("int counterOfThings = 1;");
        String cell = "int y = 2;\nSystem.out.println(counterOf";
        EvaluationEngine.Completion own = engine.complete(cell, cell.length());
        assertEquals(List.of("counterOfThings"), own.options());
        assertEquals(cell.indexOf("counterOf"), own.start());
    }

    @Test
    void documentationShowsTheSignatureUnderTheCursor() {
        String cell = "Math.max(";
        String doc = engine.documentation(cell, cell.length(), false).orElseThrow();
        assertTrue(doc.contains("int Math.max(int a, int b)"), doc);
    }

    @Test
    void claimsPrintWhenTheyHoldAndFailTheCellWhenNot() throws Exception {
        run("check(\"two plus two is four\", 2 + 2 == 4);");
        assertEquals("✓ two plus two is four\n", out());
        UserCodeException e = assertThrows(UserCodeException.class, () -> run("check(\"pi is three\", Math.PI, 3, 1e-6);"));
        assertTrue(e.getMessage().startsWith("org.qise.notebook.ClaimFailedException: claim does not hold: pi is three: got 3.141593"),
                e.getMessage());
    }

    @Test
    void simulationResultIsShownAsAHistogram() throws Exception {
        MimeBundle result = run("""
                Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
                Simulator.builder().shots(200).seed(7).build().run(bell)""");
        assertNotNull(result.get(MimeBundle.SVG), "no SVG histogram; stderr: " + ERR.toString(StandardCharsets.UTF_8));
        assertTrue(result.get(MimeBundle.SVG).contains("<svg"));
    }

    @Test
    void simulatorApiIsImportedByDefault() throws Exception {
        MimeBundle result = run("Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).build().numQubits()");
        assertEquals("2", result.get(MimeBundle.TEXT));
    }

    @Test
    void circuitResultIsDrawnAsSvg() throws Exception {
        MimeBundle result = run("Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build()");
        assertNotNull(result.get(MimeBundle.SVG), "no SVG drawing; stderr: " + ERR.toString(StandardCharsets.UTF_8));
        assertTrue(result.get(MimeBundle.SVG).contains("<svg"), result.get(MimeBundle.SVG));
    }

    @Test
    void displayHelperSendsBundlesInOrderWithPrintedText() throws Exception {
        run("System.out.println(\"before\");\ndisplay(html(\"<b>bold</b>\"));\nSystem.out.println(\"after\");");
        assertEquals(1, DISPLAYS.size());
        assertEquals("<b>bold</b>", DISPLAYS.getFirst().get(MimeBundle.HTML));
        assertEquals("before\nafter\n", out());
    }

    @Test
    void listOfMapsIsShownAsATable() throws Exception {
        MimeBundle result = run("List.of(Map.of(\"shots\", 100), Map.of(\"shots\", 200))");
        String html = result.get(MimeBundle.HTML);
        assertNotNull(html);
        assertTrue(html.contains("<th>shots</th>") && html.contains("<td>200</td>"), html);
    }

    @Test
    void classpathMagicAddsAFolderOfClasses(@TempDir Path folder) throws Exception {
        Path source = folder.resolve("src/demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo; public class Greeter { public static String hi() { return \"hi from jar\"; } }");
        Path classes = folder.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, rc);
        MimeBundle result = run("%classpath " + classes + "\ndemo.Greeter.hi()");
        assertEquals("hi from jar", result.get(MimeBundle.TEXT));
    }

    @Test
    void unknownMagicOrMissingPathIsAClearError() {
        MagicException unknown = assertThrows(MagicException.class, () -> run("%nonsense x"));
        assertTrue(unknown.getMessage().contains("unknown command %nonsense (line 1)"), unknown.getMessage());
        MagicException missing = assertThrows(MagicException.class, () -> run("int a = 1;\n%classpath /no/such.jar"));
        assertTrue(missing.getMessage().contains("/no/such.jar does not exist (line 2)"), missing.getMessage());
    }

    @Test
    void readinessTellsOpenBlocksFromFinishedCode() {
        assertEquals(EvaluationEngine.Readiness.INCOMPLETE, engine.readiness("for (int i = 0; i < 3; i++) {"));
        assertEquals(EvaluationEngine.Readiness.COMPLETE, engine.readiness("int a = 1;\nint b = a + 1;"));
        assertEquals(EvaluationEngine.Readiness.INVALID, engine.readiness("int x = )"));
    }

    @Test
    void aNotebookThatExitsGetsAFreshVm() throws Exception {
        run("int lost = 1;");
        assertThrows(UserCodeException.class, () -> run("System.exit(3);"));
        assertEquals("2", run("1 + 1").get(MimeBundle.TEXT));
        assertThrows(CompilationException.class, () -> run("lost"));
    }
}
