package org.qise.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qise.circuit.Circuit;
import org.qise.engine.Engines;
import org.qise.gradient.AdjointGradient;
import org.qise.gradient.Gradient;
import org.qise.gradient.ParameterShift;
import org.qise.sim.PauliSum;
import org.qise.sweep.SweepAxis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qise grad FILE --param theta=0.3 --expect "Z0 Z1"}: ⟨H⟩ and its gradient with respect
 * to every parameter, by the adjoint method (default) or parameter-shift rules.
 */
@Command(name = "grad", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = {"Gradient of an expectation value with respect to the parameters of an OpenQASM 2.0 circuit.",
        "The --param names may appear in gate arguments of FILE, e.g. ry(theta/2) q[1];"})
final class GradCommand implements Callable<Integer> {

    @ParentCommand
    QiseMain main;

    @Mixin
    CircuitSource source;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter's value, e.g. theta=pi/4; one for every parameter of FILE.")
    List<String> params = new ArrayList<>();

    @Option(names = "--expect", required = true, paramLabel = "PAULIS", description = "The observable H, a Pauli sum such as \"Z0 Z1\" or \"0.5 X0 + Y1\".")
    String expect;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "adjoint", description = "adjoint (one forward and one backward pass) or shift (parameter-shift rules); default ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--engine", paramLabel = "NAME", description = "Engine for --method shift (default: ${DEFAULT-VALUE}).")
    String engine = Engines.DEFAULT;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Threads for --method adjoint; 0 = all cores (default). The result does not depend on T.")
    int threads;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (!method.equals("adjoint") && !method.equals("shift")) throw new UserError("--method must be adjoint or shift, got '" + method + "'");
        if (!Engines.names().contains(engine)) throw new UserError("unknown engine '" + engine + "'; choose one of " + String.join(", ", Engines.names()));
        if (!source.given()) throw new UserError("no circuit given: name an OpenQASM file (or - for standard input)");
        if (threads < 0) throw new UserError("--threads must be 0 (all cores) or more, got " + threads);
        Map<String, Double> point = new LinkedHashMap<>();
        for (String spec : params) {
            SweepAxis a;
            try {
                a = SweepAxis.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new UserError("bad --param '" + spec + "': " + e.getMessage());
            }
            if (a.size() != 1) throw new UserError("--param " + spec + ": qise grad takes one value per parameter (sweep with qise sweep)");
            if (point.put(a.name(), a.value(0)) != null) throw new UserError("parameter " + a.name() + " is given twice (--param " + spec + ")");
        }
        PauliSum h;
        try {
            h = PauliSum.parse(expect);
        } catch (IllegalArgumentException e) {
            throw new UserError("bad --expect \"" + expect + "\": " + e.getMessage());
        }
        Circuit circuit = source.read(main.in(), point.keySet());
        if (circuit.parameters().isEmpty() && point.isEmpty()) {
            throw new UserError(source.displayName() + " has no parameters, so there is no gradient to compute"
                    + " (name parameters in gate arguments, e.g. rx(theta) q[0]; and give --param theta=VALUE)");
        }
        for (String name : point.keySet()) {
            if (!circuit.parameters().contains(name)) {
                throw new UserError("unknown parameter '" + name + "': " + source.displayName() + (circuit.parameters().isEmpty()
                        ? " has no parameters" : " uses " + String.join(", ", circuit.parameters())));
            }
        }
        Gradient g;
        try {
            g = method.equals("adjoint") ? AdjointGradient.compute(circuit, point, h, threads) : ParameterShift.compute(circuit, point, h, engine);
        } catch (IllegalArgumentException e) {
            throw new UserError(source.displayName() + ": " + e.getMessage());
        }
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("file", source.displayName());
            o.put("expectation", h.toString());
            o.put("method", method);
            ObjectNode p = o.putObject("parameters");
            point.forEach(p::put);
            o.put("value", g.value());
            ObjectNode d = o.putObject("gradient");
            g.asMap().forEach(d::put);
            main.out().println(o.toString());
        } else {
            var out = main.out();
            out.printf(Locale.ROOT, "⟨%s⟩ = %.15g   (%s, %s)%n", h, g.value(), source.displayName(), method.equals("adjoint") ? "adjoint method" : "parameter shift");
            int w = g.parameters().stream().mapToInt(String::length).max().orElse(5);
            out.printf(Locale.ROOT, "%-" + w + "s  %22s  %22s%n", "param", "value", "d⟨H⟩/dparam");
            for (String n : g.parameters()) out.printf(Locale.ROOT, "%-" + w + "s  %22.15g  %22.15g%n", n, point.get(n), g.derivative(n));
        }
        return QiseMain.OK;
    }
}
