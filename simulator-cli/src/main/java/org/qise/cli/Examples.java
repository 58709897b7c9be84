package org.qise.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example circuits bundled with qise ({@code qise run --example bell}). They live as
 * resources next to this package; {@code index.txt} lists them, because a jar cannot be listed
 * portably. Each file's first line is a {@code //} comment that describes it.
 */
final class Examples {
    private Examples() {}

    private static final String DIR = "/org/qise/examples/";

    /** Example name → one-line description, in the order of the index. */
    static Map<String, String> list() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : read("index.txt").split("\\R")) {
            name = name.strip();
            if (name.isEmpty()) continue;
            String first = source(name).lines().findFirst().orElse("");
            out.put(name, first.startsWith("//") ? first.substring(2).strip() : "");
        }
        return out;
    }

    /** The OpenQASM text of an example, or a {@link UserError} naming the examples there are. */
    static String source(String name) {
        if (!name.matches("[A-Za-z0-9_-]+") || Examples.class.getResource(DIR + name + ".qasm") == null) {
            throw new UserError("there is no example called '" + name + "'; the examples are: "
                    + String.join(", ", read("index.txt").strip().split("\\R+")));
        }
        return read(name + ".qasm");
    }

    private static String read(String resource) {
        try (InputStream in = Examples.class.getResourceAsStream(DIR + resource)) {
            if (in == null) throw new IllegalStateException("bundled resource " + DIR + resource + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
