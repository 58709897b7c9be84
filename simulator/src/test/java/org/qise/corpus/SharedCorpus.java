package org.qise.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The shared corpus of real OpenQASM files (QASMBench's small circuits and Qiskit's parser test
 * files), found as shared/corpus beside the checkout, which is where CI puts it too.
 */
public final class SharedCorpus {
    private SharedCorpus() {}

    /** Files that are invalid OpenQASM 2.0 on purpose or by mistake (see the corpus README). */
    public static final Set<String> INVALID = Set.of(
            "vqe_uccsd_n4.qasm", "vqe_uccsd_n6.qasm", "vqe_uccsd_n8.qasm",
            "example_fail.qasm", "example_version_fail.qasm", "example_minor_version_fail.qasm");

    /** shared/corpus, found by walking up from the working directory; fails the test when missing. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate.resolve("qasmbench"))) return candidate;
        }
        return fail("the shared test corpus is missing: expected shared/corpus beside the project root, above "
                + Path.of("").toAbsolutePath());
    }

    /** Every .qasm file of the corpus, sorted; the whole corpus or the test fails. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".qasm")).sorted().toList();
            assertTrue(files.size() >= 60, "expected the whole corpus, found " + files.size() + " files");
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files that are valid OpenQASM 2.0. */
    public static List<Path> valid() {
        return all().stream().filter(p -> !isInvalid(p)).toList();
    }

    public static boolean isInvalid(Path file) {
        return INVALID.contains(file.getFileName().toString());
    }

    /** The file's name relative to the corpus root, for test names. */
    public static String name(Path file) {
        return root().relativize(file).toString();
    }
}
