package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./qise} launcher with the start-up caches the build makes ({@link StartupCache}): it
 * uses them when they fit, runs a large circuit again on the full JVM, and falls back silently,
 * with the same output, when they are missing, broken or made by another JDK. Runs the real
 * launcher on a copy of the built jars in a temporary project folder (so that the checkout's own
 * build stamp and caches are left alone); needs {@code mvn package} first, hence an IT.
 */
class LauncherStartupCacheIT {
    @TempDir
    static Path root;
    static Path target;

    @BeforeAll
    static void copyTheBuildAndMakeTheCaches() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path built = module.resolve("target");
        target = root.resolve("simulator-cli/target");
        Files.createDirectories(target.resolve("lib"));
        Files.copy(module.getParent().resolve("qise"), root.resolve("qise"));
        assertTrue(root.resolve("qise").toFile().setExecutable(true));
        Files.copy(built.resolve(StartupCache.JAR), target.resolve(StartupCache.JAR));
        try (var jars = Files.list(built.resolve("lib"))) {
            for (Path jar : jars.toList()) Files.copy(jar, target.resolve("lib").resolve(jar.getFileName()));
        }
        StartupCache.make(target);
        // The launcher builds when no stamp is newer than the sources; this copy has no sources.
        Files.createFile(target.resolve(".qise-built"));
    }

    record Outcome(int status, String out, String err, String aotLog) {
        /** The report without its one line of timing. */
        String counts() {
            return out.lines().filter(l -> !l.startsWith("run ")).reduce("", (a, b) -> a + b + "\n");
        }
    }

    private Outcome qise(Map<String, String> env, String... args) throws Exception {
        Path aotLog = Files.createTempFile(root, "aot", ".log");
        Files.delete(aotLog);
        List<String> cmd = new ArrayList<>(List.of(root.resolve("qise").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        Path out = root.resolve("out.txt"), err = root.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("QISE_JAVA_HOME", System.getProperty("java.home"));
        // A log of the JVM's cache use to a file; the launcher turns off only the log to stdout.
        pb.environment().put("QISE_JAVA_OPTS", "-Xlog:aot=info:file=" + aotLog);
        pb.environment().remove("QISE_AOT");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "qise " + String.join(" ", args) + " did not finish");
        // Both JVMs of a handed-back run log there; the second may rotate the first's log to NAME.0.
        StringBuilder log = new StringBuilder();
        try (var files = Files.list(root)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(aotLog.getFileName().toString())).sorted().toList()) {
                log.append(Files.readString(f));
            }
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err), log.toString());
    }

    private Outcome withoutCache(String... args) throws Exception {
        Outcome o = qise(Map.of("QISE_AOT", "0"), args);
        assertFalse(o.aotLog.contains("Opened AOT cache"), o.aotLog);
        return o;
    }

    private static void assertSameRun(Outcome expected, Outcome actual) {
        assertEquals(0, actual.status, actual.err);
        assertEquals("", actual.err, "the launcher says nothing about its caches");
        assertEquals(expected.counts(), actual.counts());
    }

    @Test
    void smallRunUsesTheLeanCacheWithItsLinkedClassesAndPrintsWhatAnUncachedRunPrints() throws Exception {
        Outcome reference = withoutCache("run", "--example", "bell", "--seed", "1");
        assertTrue(reference.out.contains("00 │") && reference.out.contains("11 │"), reference.out);
        Outcome cached = qise(Map.of(), "run", "--example", "bell", "--seed", "1");
        assertSameRun(reference, cached);
        assertTrue(cached.aotLog.contains(target.resolve("qise-lean.aot") + "."), cached.aotLog);
        assertTrue(cached.aotLog.contains("Using AOT-linked classes: true"), cached.aotLog);
    }

    /** GHZ on 9 qubits; in OpenQASM 3 with the size in a constant, which the launcher's guess does not read. */
    private static Path ghz9(boolean sizeVisibleToTheLauncher) throws IOException {
        Path file = root.resolve(sizeVisibleToTheLauncher ? "ghz9-qasm2.qasm" : "ghz9-qasm3.qasm");
        StringBuilder s = new StringBuilder();
        if (sizeVisibleToTheLauncher) {
            s.append("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[9];\ncreg c[9];\nh q[0];\n");
            for (int q = 0; q < 8; q++) s.append("cx q[").append(q).append("],q[").append(q + 1).append("];\n");
            s.append("measure q -> c;\n");
        } else {
            s.append("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nconst int n = 9;\nqubit[n] q;\nbit[n] c;\nh q[0];\n")
                    .append("for int i in [0:n-2] { cx q[i], q[i+1]; }\nc = measure q;\n");
        }
        return Files.writeString(file, s.toString());
    }

    @ParameterizedTest(name = "size visible to the launcher: {0}")
    @ValueSource(booleans = {false, true})
    void circuitThatNeedsVectorsRunsOnTheFullJvmWithItsOwnCache(boolean sizeVisibleToTheLauncher) throws Exception {
        String file = ghz9(sizeVisibleToTheLauncher).toString();
        Outcome cached = qise(Map.of(), "run", file, "--seed", "7");
        assertSameRun(withoutCache("run", file, "--seed", "7"), cached);
        // A GHZ state measures all zeros or all ones.
        List<String> rows = cached.out.lines().filter(l -> l.contains(" │")).map(l -> l.substring(0, 9)).toList();
        assertEquals(List.of("000000000", "111111111"), rows);
        assertTrue(cached.aotLog.contains(target.resolve("qise.aot") + "."), cached.aotLog);
        // Where the launcher cannot tell, the lean JVM starts first and hands the run back.
        assertEquals(!sizeVisibleToTheLauncher, cached.aotLog.contains(target.resolve("qise-lean.aot") + "."), cached.aotLog);
    }

    @Test
    void circuitFromStandardInputIsReadOnceByTheFullJvm() throws Exception {
        Path bell = root.resolve("bell-stdin.qasm");
        Files.writeString(bell, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("qise").toString(), "run", "-", "--seed", "1")
                .redirectInput(bell.toFile()).redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("QISE_JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.contains("circuit  <stdin>: 2 qubits") && out.contains("11 │"), out);
    }

    @Test
    void cachesFromAnotherJdkAreNotUsed() throws Exception {
        Path release = target.resolve(StartupCache.RELEASE_COPY);
        String original = Files.readString(release);
        try {
            Files.writeString(release, original.replaceAll("JAVA_RUNTIME_VERSION=\"[^\"]*\"", "JAVA_RUNTIME_VERSION=\"25.0.0+1-other\""));
            Outcome o = qise(Map.of(), "run", "--example", "ghz", "--seed", "2");
            assertSameRun(withoutCache("run", "--example", "ghz", "--seed", "2"), o);
            assertFalse(o.aotLog.contains("Opened AOT cache"), o.aotLog);
        } finally {
            Files.writeString(release, original);
        }
    }

    @Test
    void brokenOrMissingCachesAreSkippedSilently() throws Exception {
        Outcome reference = withoutCache("run", "--example", "teleport", "--seed", "3");
        Path lean = target.resolve(StartupCache.LEAN_CACHE), full = target.resolve(StartupCache.FULL_CACHE);
        Path keepLean = root.resolve("lean.keep"), keepFull = root.resolve("full.keep");
        Files.move(lean, keepLean);
        Files.move(full, keepFull);
        try {
            Files.write(lean, new byte[4096]); // not a cache: the JVM cannot map it
            Files.setLastModifiedTime(lean, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertSameRun(reference, qise(Map.of(), "run", "--example", "teleport", "--seed", "3"));
            Files.delete(lean);
            assertSameRun(reference, qise(Map.of(), "run", "--example", "teleport", "--seed", "3"));
        } finally {
            Files.deleteIfExists(lean);
            Files.move(keepLean, lean);
            Files.move(keepFull, full);
        }
    }
}
