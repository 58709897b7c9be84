package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernelspec's launch script never builds: on a checkout without the kernel jar it stops at
 * once with the one command to run, instead of running Maven inside Jupyter's start-up window.
 */
class LaunchScriptTest {
    @Test
    void aMissingKernelJarIsReportedWithTheBuildCommandAndNothingIsBuilt(@TempDir Path checkout) throws IOException, InterruptedException {
        Path kernels = Files.createDirectories(checkout.resolve("notebooks/kernels/qise-java"));
        Files.copy(Path.of("..", "kernels", "qise-java", "launch.sh"), kernels.resolve("launch.sh"));
        Files.writeString(checkout.resolve("connection.json"), "{}");
        // A fake mvn that leaves a mark: the script must not call it.
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        Path fakeMaven = bin.resolve("mvn");
        Files.writeString(fakeMaven, "#!/bin/sh\ntouch \"" + checkout.resolve("maven-ran") + "\"\n");
        assertTrue(fakeMaven.toFile().setExecutable(true));
        ProcessBuilder builder = new ProcessBuilder("bash", kernels.resolve("launch.sh").toString(), checkout.resolve("connection.json").toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = builder.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not stop");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("the kernel is not built"), output);
        assertTrue(output.contains("mvn -q -DskipTests package"), output);
        assertFalse(Files.exists(checkout.resolve("maven-ran")), "the launch script ran Maven:\n" + output);
    }
}
