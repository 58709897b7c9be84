package org.qise.cli;

import java.util.concurrent.Callable;
import org.qise.circuit.Circuit;
import org.qise.draw.CircuitDiagram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qise draw FILE}: the circuit drawn in the terminal, and optionally as SVG. */
@Command(name = "draw", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = "Draw a circuit in the terminal; --svg also writes an SVG picture.")
final class DrawCommand implements Callable<Integer> {
    @ParentCommand
    QiseMain main;

    @Mixin
    CircuitSource source;

    @picocli.CommandLine.Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Value of an OpenQASM 3 input, bound before drawing, e.g. theta=0.3; repeatable. Inputs left out stay parameters (drawn by name).")
    java.util.Map<String, Double> params = new java.util.LinkedHashMap<>();

    @Option(names = "--svg", paramLabel = "OUT.svg", description = "Also write the drawing as an SVG file; - prints the SVG instead of the text drawing.")
    String svg;

    @Option(names = "--width", paramLabel = "N", description = "Wrap the text drawing at N columns (default: $COLUMNS or 80).")
    Integer width;

    @Override
    public Integer call() {
        Circuit circuit = source.read(main.in(), params);
        if (width != null && width < 20) throw new UserError("--width must be at least 20, got " + width);
        if ("-".equals(svg)) {
            main.out().print(CircuitDiagram.svg(circuit));
            return QiseMain.OK;
        }
        main.out().print(CircuitDiagram.text(circuit, width != null ? width : main.terminalWidth()));
        if (svg != null) {
            OutputFiles.write(svg, CircuitDiagram.svg(circuit));
            main.err().println("wrote " + svg);
        }
        return QiseMain.OK;
    }
}
