package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.engine.fast.Compilations;

class SweepCommandTest {
    @TempDir
    Path dir;

    static final String CIRCUIT = """
            qreg q[3];
            creg c[3];
            ry(theta) q[0];
            cx q[0], q[1];
            rz(2*phi - theta/2) q[1];
            h q[2];
            crx(phi) q[1], q[2];
            measure q -> c;
            """;

    /**
     * 8 qubits: above the 6 that the fast engine runs with plain loops, so points run compiled
     * plans (re-bound from one compilation); 16 × 4 = 64 points, none with an identity rotation.
     */
    static final String WIDE = """
            qreg q[8];
            creg c[8];
            h q;
            ry(theta) q[0];
            ry(theta + phi) q[3];
            cx q[0], q[1];
            cx q[3], q[4];
            rz(2*phi - theta/2) q[1];
            crx(phi) q[1], q[2];
            rx(theta/3) q[7];
            cx q[6], q[7];
            u3(theta, phi, 0.25) q[5];
            measure q -> c;
            """;

    private String circuit() { return Cli.qasm(dir, "sweep.qasm", CIRCUIT); }

    private String circuit(boolean wide) { return wide ? Cli.qasm(dir, "wide.qasm", WIDE) : circuit(); }

    private String[] sweep(String file, String format, String... extra) {
        return sweep(false, file, format, extra);
    }

    private String[] sweep(boolean wide, String file, String format, String... extra) {
        List<String> a = new ArrayList<>(List.of("sweep", file, "--param", wide ? "theta=0.1:6:16" : "theta=0:2*pi:9",
                "--param", wide ? "phi=0.25,0.5,1,2" : "phi=0,0.5,1",
                "--expect", "Z0 Z1", "--expect", "0.5 X2 + Y1", "--shots", "200", "--seed", "11", "--format", format));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}, wide circuit {1}")
    @CsvSource({"csv, false", "jsonl, false", "csv, true", "jsonl, true"})
    void theOutputIsByteIdenticalOnOneOrTwoThreads(String format, boolean wide) {
        String file = circuit(wide);
        long before = Compilations.count();
        Cli.Run one = Cli.run(sweep(wide, file, format, "--threads", "1"));
        if (wide) assertEquals(1, Compilations.count() - before, "a 64-point sweep compiles its plan once and re-binds it per point");
        before = Compilations.count();
        Cli.Run two = Cli.run(sweep(wide, file, format, "--threads", "2"));
        if (wide) assertEquals(1, Compilations.count() - before, "two threads share the one plan");
        assertEquals(0, one.code(), one.toString());
        assertEquals(one.out(), two.out());
        assertEquals((format.equals("csv") ? 2 : 1) + (wide ? 64 : 9 * 3), one.out().lines().count(), one.out());
    }

    @ParameterizedTest(name = "{0} shards, {1}, wide circuit {2}")
    @CsvSource({"1, csv, false", "3, csv, false", "7, csv, false", "3, jsonl, false", "7, jsonl, false",
            "1, csv, true", "3, csv, true", "7, jsonl, true"})
    void mergedShardsAreByteIdenticalToOneRun(int shards, String format, boolean wide) throws IOException {
        String file = circuit(wide);
        String whole = Cli.run(sweep(wide, file, format)).out();
        List<String> args = new ArrayList<>(List.of("sweep", "--merge"));
        for (int i = shards; i >= 1; i--) { // any order
            Path out = dir.resolve("shard" + i);
            Cli.Run r = Cli.run(sweep(wide, file, format, "--shard", i + "/" + shards, "-o", out.toString(), "--threads", String.valueOf(1 + i % 2)));
            assertEquals(0, r.code(), r.toString());
            args.add(out.toString());
        }
        Cli.Run merged = Cli.run(args.toArray(String[]::new));
        assertEquals(0, merged.code(), merged.toString());
        assertEquals(whole, merged.out());
    }

    /** ry(θ) on qubit 0 followed by a depolarizing channel ρ ↦ (1 − p)ρ + p·I/2 with p = 0.3. */
    static final String NOISE = "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"gates\":[\"ry\"],\"channel\":{\"type\":\"depolarizing\",\"p\":0.3}}]}";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"density-matrix, 1e-12", "trajectories, 0.12"})
    void aNoisySweepShrinksTheBlochVectorAndIsByteIdenticalOnThreadsAndShards(String method, double tolerance) throws IOException {
        String file = Cli.qasm(dir, "noisy.qasm", "qreg q[2];\ncreg c[2];\nry(theta) q[0];\ncx q[0], q[1];\nmeasure q -> c;\n");
        Path model = dir.resolve("model.json");
        Files.writeString(model, NOISE);
        List<String> base = List.of("sweep", file, "--param", "theta=0:pi:7", "--expect", "Z0", "--expect", "Z0 Z1", "--shots", "400",
                "--seed", "3", "--noise", model.toString(), "--method", method);
        Cli.Run one = Cli.run(with(base, "--threads", "1"));
        assertEquals(0, one.code(), one.toString());
        assertEquals(one.out(), Cli.run(with(base, "--threads", "2")).out());
        List<String> lines = one.out().lines().toList();
        for (int p = 0; p < 7; p++) {
            String[] f = lines.get(2 + p).split(",");
            double theta = Math.PI * p / 6;
            assertEquals(0.7 * Math.cos(theta), Double.parseDouble(f[2]), tolerance, "⟨Z0⟩ = (1 − p) cos θ at point " + p);
            assertEquals(1.0, Double.parseDouble(f[3]), 1e-12, "⟨Z0 Z1⟩ = ⟨Z1⟩ before the cx = 1 whatever the noise on qubit 0");
        }
        List<String> merge = new ArrayList<>(List.of("sweep", "--merge"));
        for (int i = 1; i <= 3; i++) {
            Path out = dir.resolve("noisy-shard" + i);
            Cli.Run r = Cli.run(with(base, "--shard", i + "/3", "-o", out.toString()));
            assertEquals(0, r.code(), r.toString());
            merge.add(out.toString());
        }
        assertEquals(one.out(), Cli.run(merge.toArray(String[]::new)).out());
        String ideal = Cli.run("sweep", file, "--param", "theta=0:pi:7", "--expect", "Z0", "--expect", "Z0 Z1", "--shots", "400", "--seed", "3").out();
        assertFalse(ideal.lines().findFirst().orElseThrow().equals(lines.get(0)), "a noisy sweep has an id of its own");
    }

    private static String[] with(List<String> base, String... extra) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void eachRowCarriesTheClosedFormExpectation() {
        // ry(θ)|0⟩ then cx: ⟨Z0⟩ = cos θ, ⟨Z0 Z1⟩ = 1
        String file = Cli.qasm(dir, "ry.qasm", "qreg q[2];\nry(theta) q[0];\ncx q[0], q[1];\n");
        Cli.Run r = Cli.run("sweep", file, "--param", "theta=0:pi:5", "--expect", "Z0", "--expect", "Z0 Z1", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("index,theta,<Z0>,<Z0 Z1>", lines.get(1));
        for (int p = 0; p < 5; p++) {
            String[] f = lines.get(2 + p).split(",");
            double theta = Math.PI * p / 4;
            assertEquals(p, Integer.parseInt(f[0]));
            assertEquals(theta, Double.parseDouble(f[1]), 1e-15);
            assertEquals(Math.cos(theta), Double.parseDouble(f[2]), 1e-12);
            assertEquals(1.0, Double.parseDouble(f[3]), 1e-12);
        }
    }

    @Test
    void pointsCanComeFromATable() throws IOException {
        String file = Cli.qasm(dir, "ry.qasm", "qreg q[1];\nry(theta) q[0];\n");
        Path points = dir.resolve("points.csv");
        Files.writeString(points, "theta\n0\npi/3\n# a comment\n2*pi/3\n");
        Cli.Run r = Cli.run("sweep", file, "--points", points.toString(), "--expect", "Z0", "--seed", "1", "--format", "jsonl");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).startsWith("{\"index\":1,\"params\":{\"theta\":1.0471975511965976},\"expect\":{\"Z0\":0.5"), lines.get(2));
    }

    @Test
    void thePlotIsALineForOneParameterAndAHeatMapForTwo() throws IOException {
        String file = circuit();
        Path line = dir.resolve("line.svg"), heat = dir.resolve("heat.svg");
        assertEquals(0, Cli.run("sweep", file, "--param", "theta=0:pi:16", "--param", "phi=0.5", "--expect", "Z0",
                "--seed", "1", "--plot", line.toString(), "-o", dir.resolve("a.csv").toString()).code());
        assertEquals(0, Cli.run("sweep", file, "--param", "theta=0:pi:16", "--param", "phi=0:1:4", "--expect", "Z0 Z1",
                "--seed", "1", "--plot", heat.toString(), "-o", dir.resolve("b.csv").toString()).code());
        // one parameter sweeps as a line only when it is the only one: phi=0.5 makes two axes, so this is a heat map too
        String a = Files.readString(line), b = Files.readString(heat);
        assertTrue(a.startsWith("<svg") && b.startsWith("<svg"));
        assertEquals(16 * 4 + 1 + 11, b.split("<rect").length - 1 - 1, "cells, frame and colour scale besides the background");
        Cli.Run single = Cli.run("sweep", Cli.qasm(dir, "one.qasm", "qreg q[1];\nry(theta) q[0];\n"), "--param", "theta=0:pi:8",
                "--expect", "Z0", "--seed", "1", "--plot", line.toString(), "-o", dir.resolve("c.csv").toString());
        assertEquals(0, single.code(), single.toString());
        assertTrue(Files.readString(line).contains("<polyline"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "--param,thet=0:1:3,--param,theta=1,--param,phi=1                | unknown parameter 'thet'",
            "--param,theta=0:1:0,--param,phi=1                                | has 0 points; it needs at least 1",
            "--param,theta=0:1:3,--param,theta=1,--param,phi=1                | parameter theta is given twice",
            "--param,theta=zero,--param,phi=1                                 | 'zero' for theta is not a number",
            "--param,theta=0:1,--param,phi=1                                  | should read START:STOP:COUNT",
            "--param,theta=0:1:2.5,--param,phi=1                              | is not a whole number",
            "--param,theta=1                                                  | unknown name 'phi'",
            "--param,theta=1,--param,phi=1,--shard,4/3,--seed,1               | --shard 4/3 is out of range",
            "--param,theta=1,--param,phi=1,--shard,1/3                        | --shard needs --seed",
            "--param,theta=1,--param,phi=1,--format,xml                       | --format must be csv or jsonl",
            "--param,theta=1,--param,phi=1,--method,trajectories              | --method needs --noise",
            "--param,theta=1,--param,phi=1,--noise,example:nope               | --noise example:nope",
            "--param,theta=1,--param,phi=1,--noise,example:depolarizing,--method,fastest | --method: unknown method 'fastest'",
            "--param,theta=1,--param,phi=1,--noise,example:depolarizing,--probabilities  | --probabilities is not available with --noise"})
    void badInputIsAClearErrorWithExitCode2(String args, String message) {
        List<String> a = new ArrayList<>(List.of("sweep", circuit(), "--expect", "Z0"));
        a.addAll(List.of(args.trim().split(",")));
        Cli.Run r = Cli.run(a.toArray(String[]::new));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(message.trim()), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void mergeRefusesShardsOfDifferentSweepsAndMissingShards() throws IOException {
        String file = circuit();
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        Cli.run(sweep(file, "csv", "--shard", "1/2", "-o", a.toString()));
        Cli.Run other = Cli.run("sweep", file, "--param", "theta=0:2*pi:9", "--param", "phi=0,0.5,1", "--expect", "Z0 Z1",
                "--expect", "0.5 X2 + Y1", "--shots", "200", "--seed", "12", "--shard", "2/2", "-o", b.toString());
        assertEquals(0, other.code(), other.toString());
        Cli.Run different = Cli.run("sweep", "--merge", a.toString(), b.toString());
        assertEquals(2, different.code(), different.toString());
        assertTrue(different.err().contains("comes from a different sweep"), different.err());
        Cli.Run missing = Cli.run("sweep", "--merge", a.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("shard 2/2 is missing"), missing.err());
        Files.writeString(c, "index,theta\n0,1\n");
        Cli.Run notShard = Cli.run("sweep", "--merge", c.toString());
        assertEquals(2, notShard.code());
        assertTrue(notShard.err().contains("not a qise sweep file"), notShard.err());
    }

    @Test
    void gradPrintsTheClosedFormGradient() {
        // ⟨Z0⟩ after ry(2a)·rx(b): cos(2a)·cos(b); ∂a = −2 sin(2a) cos b, ∂b = −cos(2a) sin b
        String file = Cli.qasm(dir, "g.qasm", "qreg q[1];\nrx(b) q[0];\nry(2*a) q[0];\n");
        Cli.Run r = Cli.run("grad", file, "--param", "a=0.4", "--param", "b=pi/5", "--expect", "Z0", "--json");
        assertEquals(0, r.code(), r.toString());
        var j = r.json();
        double a = 0.4, b = Math.PI / 5;
        assertEquals(Math.cos(2 * a) * Math.cos(b), j.get("value").asDouble(), 1e-14);
        assertEquals(-2 * Math.sin(2 * a) * Math.cos(b), j.get("gradient").get("a").asDouble(), 1e-14);
        assertEquals(-Math.cos(2 * a) * Math.sin(b), j.get("gradient").get("b").asDouble(), 1e-14);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "h q[0];             | --expect,Z0                              | has no parameters, so there is no gradient",
            "rx(t) q[0];         | --param,t=1,--param,u=2,--expect,Z0      | unknown parameter 'u'",
            "rx(t) q[0];         | --param,t=1,--param,t=2,--expect,Z0      | parameter t is given twice",
            "rx(t) q[0];         | --param,t=x,--expect,Z0                  | 'x' for t is not a number",
            "rx(t) q[0];         | --param,t=0:1:3,--expect,Z0              | takes one value per parameter",
            "rx(t) q[0];         | --param,t=1,--expect,Z3                  | acts on qubit 3"})
    void gradRefusesBadInputWithExitCode2(String body, String args, String message) {
        String file = Cli.qasm(dir, "bad.qasm", "qreg q[1];\n" + body.trim() + "\n");
        List<String> a = new ArrayList<>(List.of("grad", file));
        a.addAll(List.of(args.trim().split(",")));
        Cli.Run r = Cli.run(a.toArray(String[]::new));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(message.trim()), r.err());
    }
}
