package org.qise.cli;

import java.util.concurrent.Callable;
import org.qise.qasm.QasmExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code qise export FILE}: the circuit as canonical OpenQASM 2.0 (user gates expanded). */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = "Print the circuit as canonical OpenQASM 2.0, or 3 with --qasm3 (user gates expanded, registers broadcast).")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    QiseMain main;

    @Mixin
    CircuitSource source;

    @picocli.CommandLine.Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Value of an OpenQASM 3 input, bound before exporting, e.g. theta=0.3; repeatable. Inputs left out stay parameters (--qasm3 writes them as input declarations).")
    java.util.Map<String, Double> params = new java.util.LinkedHashMap<>();

    @picocli.CommandLine.Option(names = "--qasm3", description = "Write OpenQASM 3 (keeps classical control flow) instead of 2.0.")
    boolean qasm3;

    @Override
    public Integer call() {
        org.qise.circuit.Circuit circuit = source.read(main.in(), params);
        try {
            main.out().print(qasm3 ? org.qise.qasm3.Qasm3Exporter.export(circuit) : QasmExporter.export(circuit));
        } catch (IllegalArgumentException e) {
            throw new UserError("cannot write " + source.displayName() + " as OpenQASM " + (qasm3 ? "3" : "2.0") + ": " + e.getMessage());
        }
        return QiseMain.OK;
    }
}
