package org.qise.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qise.Version;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmExporter;

/**
 * How a result was produced, enough to produce it again: the circuit (by the SHA-256 of its
 * canonical OpenQASM text), the simulator version and engine, seed, shots, options and platform.
 */
public record Manifest(String circuitSha256, String simulatorVersion, String engine, int threads,
                       long seed, long shots, Map<String, Object> options,
                       String javaVersion, String os, String arch) {

    public Manifest {
        options = Map.copyOf(options);
    }

    static Manifest of(Circuit circuit, String engine, int threads, long seed, long shots, Map<String, Object> options) {
        return new Manifest(sha256(canonicalText(circuit)), Version.get(), engine, threads, seed, shots, options,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * The circuit's canonical text: its OpenQASM export, or, for a circuit OpenQASM 2 cannot
     * express (an arbitrary unitary, say), a listing of its operations.
     */
    public static String canonicalText(Circuit circuit) {
        try {
            return QasmExporter.export(circuit);
        } catch (RuntimeException notExpressible) {
            try { // classical control flow and OpenQASM 3 gates: the OpenQASM 3 text is canonical too
                return org.qise.qasm3.Qasm3Exporter.export(circuit);
            } catch (RuntimeException notExpressibleEither) {
                // fall through to the listing
            }
            StringBuilder sb = new StringBuilder("# qise-circuit\n");
            circuit.qregs().forEach(r -> sb.append("qreg ").append(r.name()).append('[').append(r.size()).append("]\n"));
            circuit.cregs().forEach(r -> sb.append("creg ").append(r.name()).append('[').append(r.size()).append("]\n"));
            circuit.operations().forEach(o -> sb.append(o).append('\n'));
            return sb.toString();
        }
    }

    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The manifest as an ordered map with snake_case keys, ready for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("circuit_sha256", circuitSha256);
        m.put("simulator", "qise");
        m.put("simulator_version", simulatorVersion);
        m.put("engine", engine);
        m.put("threads", threads);
        m.put("seed", seed);
        m.put("shots", shots);
        m.put("options", new java.util.TreeMap<>(options));
        m.put("java_version", javaVersion);
        m.put("os", os);
        m.put("arch", arch);
        return m;
    }
}
