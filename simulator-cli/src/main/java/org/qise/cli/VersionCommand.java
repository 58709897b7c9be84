package org.qise.cli;

import java.util.concurrent.Callable;
import org.qise.Version;
import org.qise.engine.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code qise version}: the version, the Java runtime and the engines available. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = "Print the qise version, Java runtime and engines.")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    QiseMain main;

    @Override
    public Integer call() {
        var out = main.out();
        out.println("qise " + Version.get());
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        out.println("engines: " + String.join(", ", Engines.names()) + " (default " + Engines.DEFAULT + ")");
        return QiseMain.OK;
    }
}
