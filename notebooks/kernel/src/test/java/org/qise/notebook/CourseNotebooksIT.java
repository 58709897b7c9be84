package org.qise.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Executes every course notebook headless through Jupyter and the packaged kernel
 * ({@code notebooks/run-course.sh}), which fails on any cell error, on a lesson claim that does
 * not hold or never ran, and on a lesson without pictures. Runs in {@code mvn verify} after the
 * kernel jar is built; needs Debian's jupyter-nbconvert, python3-nbclient and python3-ipykernel.
 */
class CourseNotebooksIT {

    @Test
    void everyLessonExecutesAndItsClaimsHold() throws IOException, InterruptedException {
        Path script = Path.of("..", "run-course.sh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "missing " + script);
        Path log = Path.of("target", "course-run.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(40, TimeUnit.MINUTES);
        if (!finished) p.destroyForcibly();
        String output = Files.readString(log);
        System.out.println(output);
        assertTrue(finished, "the course did not finish within 40 minutes:\n" + output);
        assertEquals(0, p.exitValue(), "run-course.sh failed:\n" + output);
        assertTrue(output.contains("16-portal-sharing.ipynb") && output.contains("17-noise-decoherence.ipynb") && output.contains("18-vqe-qaoa-gradients.ipynb")
                && output.contains("19-dynamic-circuits-openqasm3.ipynb"), "every lesson ran:\n" + output);
    }
}
