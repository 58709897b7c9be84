package org.qise.noise.run;

import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;

/**
 * Splits a (noisy) circuit into a body and its final measurements, when it has that shape: no
 * condition anywhere and no measurement before the trailing run of measurements and barriers.
 * Such a circuit can be simulated once per trajectory and sampled in one pass, and can run as a
 * density matrix. A circuit with an OpenQASM 3 dynamic block ({@link Operation.Dynamic}) never is.
 */
record CircuitShape(List<Operation> body, List<Operation.Measure> finalMeasures, boolean terminal, boolean dynamic) {

    static CircuitShape of(Circuit circuit) {
        List<Operation> ops = circuit.operations();
        int start = ops.size();
        while (start > 0 && (ops.get(start - 1) instanceof Operation.Measure || ops.get(start - 1) instanceof Operation.Barrier)) start--;
        boolean terminal = true, dynamic = false;
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            // An OpenQASM 3 block may measure and branch inside, whatever its position.
            dynamic |= op instanceof Operation.Dynamic;
            if (op.condition() != null || op instanceof Operation.Dynamic || (i < start && op instanceof Operation.Measure)) terminal = false;
        }
        if (!terminal) return new CircuitShape(ops, List.of(), false, dynamic);
        List<Operation.Measure> measures = ops.subList(start, ops.size()).stream()
                .filter(o -> o instanceof Operation.Measure).map(o -> (Operation.Measure) o).toList();
        return new CircuitShape(ops.subList(0, start), measures, true, false);
    }
}
