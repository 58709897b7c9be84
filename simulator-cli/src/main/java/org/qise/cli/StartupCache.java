package org.qise.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.qise.engine.fast.JitFlags;

/**
 * Makes the start-up caches the {@code qise} launcher uses, as a step of the build ({@code mvn
 * package} runs it in {@code simulator-cli/target}; see docs/engine.md, start-up):
 *
 * <ul>
 *   <li>{@code aot-lib/}: the runtime jars with picocli's Java 5 classes rewritten ({@link StartupJars});
 *   <li>{@code qise-lean.aot}: JDK 25's ahead-of-time cache of a small {@code qise run} on a JVM
 *       without the Vector API module ({@link LeanStart}), trained on the bell example;
 *   <li>{@code qise.aot}: the cache for every other command, with the module, trained on a
 *       12-qubit circuit so that the vector kernels' classes are in it;
 *   <li>{@code qise-aot.release}: a copy of the JDK's {@code release} file, written last, so that
 *       the launcher uses the caches only on the JDK that made them and only when all are there.
 * </ul>
 *
 * <p>A cache that cannot be made is reported and skipped, never a failed build: the launcher
 * then runs without it. The JVM flags here are the launcher's; the cache records them, and a
 * JVM started with other module options does not use it.
 *
 * <p>Usage: {@code java -cp qise-cli.jar org.qise.cli.StartupCache TARGET_DIR}.
 */
public final class StartupCache {
    /**
     * The flags the launcher starts every command with (besides the cache and its own properties);
     * public so that {@code ParametersBench process} starts the JVMs it times the same way.
     */
    public static final List<String> FULL_FLAGS = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", JitFlags.TRAP_LIMIT, JitFlags.NO_TIER2);
    /** The flags of the lean start of {@code qise run}: the same without the Vector API. */
    static final List<String> LEAN_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", JitFlags.TRAP_LIMIT, JitFlags.NO_TIER2, "-Dqise.lean=true");
    /** The command's own jar in the target folder; the core and the other libraries are in lib/. */
    static final String JAR = "qise-cli.jar";
    static final String FULL_CACHE = "qise.aot", LEAN_CACHE = "qise-lean.aot", RELEASE_COPY = "qise-aot.release";
    private static final long TRAINING_LIMIT_SECONDS = 300;

    private StartupCache() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupCache TARGET_DIR");
            System.exit(2);
        }
        try {
            make(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            System.out.println("[qise] start-up cache not made (./qise runs without it): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void make(Path target) throws IOException, InterruptedException {
        Path jar = target.resolve(JAR), lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) throw new IOException("no " + jar + " and " + lib);
        Path release = Path.of(System.getProperty("java.home"), "release");
        if (!Files.isRegularFile(release)) throw new IOException("this JDK has no release file to recognise it by");
        // Gone first: while caches are being replaced the launcher must not pair them with the old stamp.
        Files.deleteIfExists(target.resolve(RELEASE_COPY));

        Path aotLib = target.resolve("aot-lib"), tmpLib = target.resolve("aot-lib.tmp");
        deleteTree(tmpLib);
        String libs;
        try {
            StartupJars.main(new String[]{lib.toString(), tmpLib.toString()});
            deleteTree(aotLib);
            Files.move(tmpLib, aotLib, StandardCopyOption.ATOMIC_MOVE);
            libs = aotLib + "/*";
        } catch (IOException | RuntimeException e) { // the caches still help without picocli in them
            System.out.println("[qise] picocli not rewritten for the start-up cache: " + e);
            deleteTree(tmpLib);
            deleteTree(aotLib);
            libs = lib + "/*";
        }
        String classpath = jar + java.io.File.pathSeparator + libs;

        Path circuit = target.resolve("aot-training.qasm");
        Files.writeString(circuit, trainingCircuit(12));
        boolean lean, full;
        try {
            lean = train(target, LEAN_CACHE, LEAN_FLAGS, classpath, List.of("run", "--example", "bell", "--seed", "1"));
            full = train(target, FULL_CACHE, FULL_FLAGS, classpath, List.of("run", circuit.toString(), "--seed", "1"));
        } finally {
            Files.deleteIfExists(circuit);
        }
        if (lean || full) Files.copy(release, target.resolve(RELEASE_COPY), StandardCopyOption.REPLACE_EXISTING);
    }

    /** One training run writing {@code name} in {@code target}; false (and said why) when it failed. */
    private static boolean train(Path target, String name, List<String> flags, String classpath, List<String> command)
            throws IOException, InterruptedException {
        Path cache = target.resolve(name);
        Path tmp = target.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
        Path log = target.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.addAll(List.of("-XX:AOTCacheOutput=" + tmp, "-Dqise.stderr.tty=false", "-cp", classpath, QiseMain.class.getName()));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("QISE_PROGRESS", "0");
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // the JVM passes its own to the assembly step
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor();
        try {
            if (!done || p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                System.out.println("[qise] start-up cache " + name + " not made (./qise runs without it): training run "
                        + (done ? "ended with status " + p.exitValue() : "took over " + TRAINING_LIMIT_SECONDS + " s") + ", see " + log);
                Files.deleteIfExists(cache);
                return false;
            }
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("[qise] start-up cache %s made (%d MiB, %.1f s)%n", cache, Files.size(cache) >> 20,
                    (System.nanoTime() - start) / 1e9);
            Files.deleteIfExists(log);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Path.of(tmp + ".config"));
        }
    }

    /**
     * A circuit large enough for the vector kernels (more than {@code FastEngine.SCALAR_MAX_QUBITS}
     * qubits) and small enough to train in a moment: layers of h, rz and a cx ladder, measured.
     */
    static String trainingCircuit(int qubits) {
        StringBuilder s = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        s.append("qreg q[").append(qubits).append("];\ncreg c[").append(qubits).append("];\n");
        for (int layer = 0; layer < 4; layer++) {
            for (int q = 0; q < qubits; q++) s.append("h q[").append(q).append("];\nrz(0.").append(layer + q + 1).append(") q[").append(q).append("];\n");
            for (int q = 0; q + 1 < qubits; q++) s.append("cx q[").append(q).append("],q[").append(q + 1).append("];\n");
        }
        s.append("measure q -> c;\n");
        return s.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
