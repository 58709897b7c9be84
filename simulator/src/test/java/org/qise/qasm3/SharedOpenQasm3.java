package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The specification's examples and invalid statements, found as shared/openqasm3 beside the checkout. */
final class SharedOpenQasm3 {
    private SharedOpenQasm3() {}

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("openqasm3");
            if (Files.isDirectory(candidate.resolve("examples"))) return candidate;
        }
        return fail("the shared OpenQASM 3 material is missing: expected shared/openqasm3 beside the project root");
    }
}
