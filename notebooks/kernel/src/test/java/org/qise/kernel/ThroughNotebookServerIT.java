package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged kernel behind a real {@code jupyter notebook} server, driven over its websocket
 * with jupyter_client's message code (src/test/python/through_notebook_server.py): a 5,000-line
 * print loop passes the server's default IOPub rate limits whole, and a 24-qubit state vector as
 * a cell value is under 100 kB of output. Needs Debian's jupyter-notebook (python3-notebook).
 */
class ThroughNotebookServerIT {
    @Test
    void aLongPrintLoopArrivesWholeAndAHugeValueStaysSmall() throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "python", "through_notebook_server.py").toAbsolutePath();
        Path notebooks = Path.of("..").toAbsolutePath().normalize();
        // Debian's Jupyter lives in the system Python, which a python3 earlier on PATH may not see.
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path log = Path.of("target", "through-notebook-server.log").toAbsolutePath();
        Process p = new ProcessBuilder(python, script.toString(), notebooks.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(8, TimeUnit.MINUTES);
        if (!finished) p.destroyForcibly();
        String output = Files.readString(log);
        System.out.println(output);
        assertTrue(finished, "did not finish within 8 minutes:\n" + output);
        assertEquals(0, p.exitValue(), output);
    }
}
