package org.qise.qasm;

import java.util.HashMap;
import java.util.Map;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Condition;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.param.Expression;
import org.qise.circuit.Operation;

/**
 * Applies gates to the circuit being built, inlining user-defined gates down to library gates
 * and counting every step so that nested definitions cannot blow up without bound.
 */
final class GateExpander {
    private final CircuitBuilder out;
    private final TokenCursor in;
    private final long maxSteps;
    private long steps;
    /** Gates without parameters are immutable and identical on every use: share one instance. */
    private final Map<String, Gate> fixedGates = new HashMap<>();

    GateExpander(CircuitBuilder out, TokenCursor in, long maxSteps) {
        this.out = out;
        this.in = in;
        this.maxSteps = maxSteps;
    }

    /** Adds a barrier (it counts towards the operation limit). */
    void barrier(int[] qubits, Token site) {
        count(site);
        out.add(new Operation.Barrier(qubits));
    }

    /** Adds a measurement or reset (they count towards the operation limit). */
    void add(Operation op, Token site) {
        count(site);
        out.add(op);
    }

    /**
     * Applies {@code gate} with evaluated parameters to flat qubits under {@code condition}.
     * Errors are reported at {@code site}, the statement in the main program.
     */
    void apply(GateSymbol gate, double[] params, int[] qubits, Condition condition, Token site) {
        if (gate instanceof GateSymbol.Defined d && d.expansionSteps() > maxSteps - steps) {
            throw tooMany(site); // refuse a blow-up before expanding any of it
        }
        apply(gate, params, qubits, condition, site, null);
    }

    private void apply(GateSymbol gate, double[] params, int[] qubits, Condition condition, Token site, String inside) {
        count(site);
        switch (gate) {
            case GateSymbol.Library lib -> {
                for (double p : params) {
                    if (!Double.isFinite(p)) {
                        throw in.error(site, "a parameter of " + lib.name() + " evaluates to " + p + where(inside));
                    }
                }
                Gate g = params.length == 0
                        ? fixedGates.computeIfAbsent(lib.name(), n -> lib.definition().create())
                        : lib.definition().create(params);
                out.add(new Operation.GateOp(g, qubits, condition));
            }
            case GateSymbol.Opaque op -> throw in.error(site,
                    "opaque gate " + op.name() + " has no definition and cannot be simulated" + where(inside));
            case GateSymbol.Defined def -> {
                for (GateSymbol.BodyStep step : def.body()) {
                    switch (step) {
                        case GateSymbol.Barrier b -> barrier(map(b.qubits(), qubits), site);
                        case GateSymbol.Call call -> {
                            double[] values = new double[call.params().size()];
                            for (int i = 0; i < values.length; i++) {
                                values[i] = call.params().get(i).eval(params);
                                // the value depends on this application's arguments, so the error stays
                                // at the statement; the message points into the body as well
                                if (!Double.isFinite(values[i])) {
                                    Token at = call.paramSites().get(i);
                                    throw in.error(site, "parameter " + (i + 1) + " of " + call.gate().name() + " evaluates to " + values[i]
                                            + " (inside gate " + def.name() + ", in its body at line " + at.line() + ", column " + at.column() + ")");
                                }
                            }
                            apply(call.gate(), values, map(call.qubits(), qubits), condition, site, def.name());
                        }
                    }
                }
            }
        }
    }

    /**
     * As {@link #apply}, for angles that name circuit parameters: user-defined gates substitute
     * the expressions into their bodies, library gates become parametric gates.
     */
    void applySymbolic(GateSymbol gate, Expression[] params, int[] qubits, Condition condition, Token site) {
        if (gate instanceof GateSymbol.Defined d && d.expansionSteps() > maxSteps - steps) throw tooMany(site);
        applySymbolic(gate, params, qubits, condition, site, null);
    }

    private void applySymbolic(GateSymbol gate, Expression[] params, int[] qubits, Condition condition, Token site, String inside) {
        count(site);
        switch (gate) {
            case GateSymbol.Library lib -> {
                for (Expression p : params) {
                    if (p instanceof Expression.Constant c && !Double.isFinite(c.value())) {
                        throw in.error(site, "a parameter of " + lib.name() + " evaluates to " + c.value() + where(inside));
                    }
                }
                out.add(new Operation.GateOp(Gates.parametric(lib.name(), params), qubits, condition));
            }
            case GateSymbol.Opaque op -> throw in.error(site,
                    "opaque gate " + op.name() + " has no definition and cannot be simulated" + where(inside));
            case GateSymbol.Defined def -> {
                for (GateSymbol.BodyStep step : def.body()) {
                    switch (step) {
                        case GateSymbol.Barrier b -> barrier(map(b.qubits(), qubits), site);
                        case GateSymbol.Call call -> {
                            Expression[] values = new Expression[call.params().size()];
                            for (int i = 0; i < values.length; i++) values[i] = call.params().get(i).symbolic(params);
                            applySymbolic(call.gate(), values, map(call.qubits(), qubits), condition, site, def.name());
                        }
                    }
                }
            }
        }
    }

    private static String where(String inside) {
        return inside == null ? "" : " (inside gate " + inside + ")";
    }

    private static int[] map(int[] formal, int[] actual) {
        int[] r = new int[formal.length];
        for (int i = 0; i < r.length; i++) r[i] = actual[formal[i]];
        return r;
    }

    private void count(Token site) {
        if (++steps > maxSteps) throw tooMany(site);
    }

    private QasmException tooMany(Token site) {
        return in.error(site, "the program expands to more than " + maxSteps
                + " operations (gate definitions nested too deeply or applied too often); the limit is set by ParseLimits");
    }
}
