package org.qise.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the kernel: {@code java -jar qise-kernel.jar <connection-file>} (Jupyter supplies the file). */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar qise-kernel.jar <jupyter connection file>");
            System.exit(2);
        }
        // The messaging library logs every socket event at INFO; the Jupyter server's console
        // should only hear about real problems.
        Logger.getLogger("").setLevel(Level.WARNING);
        Path connectionFile = Path.of(args[0]);
        if (!Files.isReadable(connectionFile)) {
            System.err.println("qise-kernel: cannot read the connection file " + connectionFile);
            System.exit(2);
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(properties);
        QiseKernel kernel = new QiseKernel(EvaluationEngine.currentClasspath());
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        exitWhenJupyterExits();
        connection.waitUntilClose();
        System.exit(0); // the notebook VM and JShell's threads must not keep this process alive
    }

    /**
     * Jupyter starts the kernel as its child (launch.sh execs java). If Jupyter dies without
     * shutting the kernel down, nothing would ever stop it, so it watches its parent.
     */
    private static void exitWhenJupyterExits() {
        ProcessHandle.current().parent().ifPresent(jupyter -> jupyter.onExit().thenRun(() -> {
            System.err.println("qise-kernel: the Jupyter process that started this kernel has exited; exiting too");
            System.exit(0);
        }));
    }
}
