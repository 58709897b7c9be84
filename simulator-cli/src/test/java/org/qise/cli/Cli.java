package org.qise.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs the qise command in-process with captured streams. */
final class Cli {
    private Cli() {}

    record Run(int code, String out, String err) {
        /** stdout as the one JSON object it must be (fails on trailing content). */
        JsonNode json() {
            try {
                ObjectMapper m = new ObjectMapper();
                var parser = m.getFactory().createParser(out);
                JsonNode node = m.readTree(parser);
                if (parser.nextToken() != null) throw new AssertionError("more than one JSON value on stdout:\n" + out);
                if (node == null || !node.isObject()) throw new AssertionError("stdout is not a JSON object:\n" + out);
                return node;
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        return runWith("", Map.of(), false, args);
    }

    static Run runWith(String stdin, Map<String, String> env, boolean interactive, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, interactive).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes an OpenQASM file (qelib1 header added) into {@code dir}. */
    static String qasm(Path dir, String name, String body) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + body);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
