package org.qise.cli;

import java.util.concurrent.Callable;
import org.qise.qasm.QasmExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code qise export FILE}: the circuit as canonical OpenQASM 2.0 (user gates expanded). */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = "Print the circuit as canonical OpenQASM 2.0 (user gates expanded, registers broadcast).")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    QiseMain main;

    @Mixin
    CircuitSource source;

    @Override
    public Integer call() {
        main.out().print(QasmExporter.export(source.read(main.in())));
        return QiseMain.OK;
    }
}
