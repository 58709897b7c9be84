package org.qise.qasm3;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qise.circuit.Circuit;
import org.qise.circuit.Condition;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;
import org.qise.param.Expression;

/**
 * Writes a {@link Circuit} as canonical OpenQASM 3: the header and stdgates include, definitions
 * of the qelib1 gates that stdgates lacks (written out in stdgates gates, so any reader
 * understands them; {@link Qasm3Reader} recognises them as the library gates again), the
 * registers, one operation per line, and the dynamic part of the program as OpenQASM 3 text.
 * The output reads back to an equal circuit.
 */
public final class Qasm3Exporter {
    private Qasm3Exporter() {}

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern POWER = Pattern.compile("pow\\(([^)]*)\\)_(.+)");

    /** qelib1 gates that stdgates.inc lacks, defined from stdgates gates. */
    private static final Map<String, String> DEFINITIONS = new LinkedHashMap<>();

    static {
        DEFINITIONS.put("u0", "gate u0(gamma) a { }");
        DEFINITIONS.put("u", "gate u(theta, phi, lambda) a { U(theta, phi, lambda) a; }");
        DEFINITIONS.put("sxdg", "gate sxdg a { inv @ sx a; }");
        DEFINITIONS.put("cu1", "gate cu1(lambda) a, b { ctrl @ p(lambda) a, b; }");
        DEFINITIONS.put("cu3", "gate cu3(theta, phi, lambda) a, b { ctrl @ u3(theta, phi, lambda) a, b; }");
        DEFINITIONS.put("csx", "gate csx a, b { ctrl @ sx a, b; }");
        DEFINITIONS.put("rxx", "gate rxx(theta) a, b { h a; h b; cx a, b; rz(theta) b; cx a, b; h a; h b; }");
        DEFINITIONS.put("rzz", "gate rzz(theta) a, b { cx a, b; rz(theta) b; cx a, b; }");
        DEFINITIONS.put("rccx", "gate rccx a, b, c { h c; t c; cx b, c; tdg c; cx a, c; t c; cx b, c; tdg c; h c; }");
        DEFINITIONS.put("rc3x", "gate rc3x a, b, c, d { h d; t d; cx c, d; tdg d; h d; cx a, d; t d; cx b, d; tdg d;"
                + " cx a, d; t d; cx b, d; tdg d; h d; t d; cx c, d; tdg d; h d; }");
        DEFINITIONS.put("c3x", "gate c3x a, b, c, d { ctrl(3) @ x a, b, c, d; }");
        DEFINITIONS.put("c3sqrtx", "gate c3sqrtx a, b, c, d { ctrl(3) @ sx a, b, c, d; }");
        DEFINITIONS.put("c4x", "gate c4x a, b, c, d, e { ctrl(4) @ x a, b, c, d, e; }");
    }

    /**
     * The canonical OpenQASM 3 text of a circuit.
     *
     * @throws IllegalArgumentException naming what cannot be written: a gate that is neither a
     *         library gate nor a library gate under modifiers, a register name that is not an identifier
     */
    public static String export(Circuit circuit) {
        StringBuilder body = new StringBuilder();
        Map<String, String> userDefinitions = new LinkedHashMap<>(); // of user gates under modifiers, see UserGates
        Set<String> needed = new LinkedHashSet<>();
        String[] q = names(circuit.qregs(), circuit.numQubits(), true);
        String[] cl = names(circuit.cregs(), circuit.numClbits(), false);
        for (Operation op : circuit.operations()) {
            String text = switch (op) {
                case Operation.GateOp g -> gate(g.gate(), needed, userDefinitions) + " " + operands(g.qubits(), q) + ";";
                case Operation.Measure m -> cl[m.clbit()] + " = measure " + q[m.qubit()] + ";";
                case Operation.Reset r -> "reset " + q[r.qubit()] + ";";
                case Operation.Barrier b -> "barrier " + operands(b.qubits(), q) + ";";
                case Operation.ChannelOp ch -> throw new IllegalArgumentException(
                        "noise channel " + ch.channel() + " cannot be written in OpenQASM 3 (give noise as a noise model instead)");
                case Operation.Dynamic d -> {
                    if (!(d.block() instanceof Qasm3Block b)) throw new IllegalArgumentException("dynamic block " + d.block().summary() + " cannot be written in OpenQASM 3");
                    yield b.text().stripTrailing();
                }
            };
            Condition c = op.condition();
            if (c != null) text = "if (" + c.register().name() + " == " + c.value() + ") { " + text + " }";
            body.append(text).append('\n');
        }
        StringBuilder out = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        // unbound circuit parameters stay parameters: inputs, which Qasm3Reader reads back as such
        for (String p : circuit.parameters()) out.append("input float[64] ").append(p).append(";\n");
        for (String n : DEFINITIONS.keySet()) if (needed.contains(n)) out.append(DEFINITIONS.get(n)).append('\n');
        for (String d : userDefinitions.values()) out.append(d).append('\n');
        for (Register r : circuit.qregs()) if (!r.name().startsWith("$")) out.append("qubit[").append(r.size()).append("] ").append(r.name()).append(";\n");
        for (Register r : circuit.cregs()) out.append("bit[").append(r.size()).append("] ").append(r.name()).append(";\n");
        return out.append(body).toString();
    }

    private static String[] names(List<Register> regs, int bits, boolean quantum) {
        String[] names = new String[bits];
        for (Register r : regs) {
            if (quantum && r.name().matches("\\$\\d+")) {
                names[r.offset()] = r.name();
                continue;
            }
            if (!IDENTIFIER.matcher(r.name()).matches() || Parser3.KEYWORDS.contains(r.name())) {
                throw new IllegalArgumentException("register name '" + r.name() + "' cannot be written in OpenQASM 3 (it is not an identifier, or it is a keyword)");
            }
            for (int i = 0; i < r.size(); i++) names[r.offset() + i] = r.name() + "[" + i + "]";
        }
        return names;
    }

    private static String operands(int[] bits, String[] names) {
        StringBuilder sb = new StringBuilder();
        for (int b : bits) sb.append(sb.isEmpty() ? "" : ", ").append(names[b]);
        return sb.toString();
    }

    private static String call(String name, double[] params) {
        if (params.length == 0) return name;
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.length; i++) sb.append(i == 0 ? "" : ", ").append(Printer.number(params[i]));
        return sb.append(')').toString();
    }

    /** A gate as a call: a library gate, or a library gate under ctrl, inv or pow modifiers. */
    static String gate(Gate g, Set<String> needed, Map<String, String> userDefinitions) {
        if (g.isParametric() && g.derivation() != null) { // a gate under modifiers over parameters: the modifiers as written
            UserGates.Origin origin = UserGates.of(g);
            if (origin != null) addDefinitions(origin, userDefinitions);
            String written = g.derivation().written();
            int at = written.lastIndexOf("@ ");
            String base = at < 0 ? written : written.substring(at + 2);
            if (origin == null) {
                if (!Interpreter.STDGATES.contains(base)) {
                    if (!DEFINITIONS.containsKey(base)) throw new IllegalArgumentException("gate " + base + " has no OpenQASM 3 definition");
                    needed.add(base);
                }
            }
            StringBuilder sb = new StringBuilder(written).append('(');
            List<Expression> xs = g.expressions();
            for (int i = 0; i < xs.size(); i++) sb.append(i == 0 ? "" : ", ").append(text(xs.get(i)));
            return sb.append(')').toString();
        }
        if (g.isParametric()) { // only library gates carry expressions (bind first to write anything else)
            if (Gates.lookup(g.name()).isPresent()) return library(g, needed);
            throw new IllegalArgumentException("parametric gate " + g + " cannot be written in OpenQASM 3: bind its parameters first");
        }
        if (Gates.isLibraryGate(g)) return library(g, needed);
        for (Gates.Definition d : Gates.library().values()) { // ctrl(m) @ a library gate
            if (d.params() != g.paramCount()) continue;
            Gate base = d.create(g.params());
            int m = g.controls() - base.controls();
            if (m > 0 && base.controlled(m).equals(g)) return (m == 1 ? "ctrl @ " : "ctrl(" + m + ") @ ") + library(base, needed);
        }
        if (g.name().endsWith("_dg")) {
            var d = Gates.lookup(g.name().substring(0, g.name().length() - 3));
            if (d.isPresent() && d.get().params() == g.paramCount()) {
                Gate base = d.get().create(g.params());
                if (base.inverse().equals(g)) return "inv @ " + library(base, needed);
            }
        }
        Matcher pm = POWER.matcher(g.name());
        if (pm.matches()) {
            var d = Gates.lookup(pm.group(2));
            if (d.isPresent() && d.get().params() == g.paramCount()) return "pow(" + pm.group(1) + ") @ " + library(d.get().create(g.params()), needed);
        }
        UserGates.Origin origin = UserGates.of(g);
        if (origin != null) { // a user gate under modifiers, read from OpenQASM 3: its definitions and the call as written
            addDefinitions(origin, userDefinitions);
            return origin.call();
        }
        throw new IllegalArgumentException("gate " + g + " on " + g.qubits() + " qubit(s) cannot be written in OpenQASM 3:"
                + " it is neither a library gate nor one under ctrl, inv or pow modifiers");
    }

    private static void addDefinitions(UserGates.Origin origin, Map<String, String> userDefinitions) {
        for (Map.Entry<String, String> d : origin.definitions().entrySet()) {
            String known = userDefinitions.putIfAbsent(d.getKey(), d.getValue());
            if (known != null && !known.equals(d.getValue()) || DEFINITIONS.containsKey(d.getKey())) {
                throw new IllegalArgumentException("gate " + d.getKey() + " has two different definitions in this circuit,"
                        + " or one that clashes with a library gate: they cannot be written into one program");
            }
        }
    }

    private static String library(Gate g, Set<String> needed) {
        String name = g.name();
        if (!Interpreter.STDGATES.contains(name)) {
            if (!DEFINITIONS.containsKey(name)) throw new IllegalArgumentException("gate " + name + " has no OpenQASM 3 definition");
            needed.add(name);
        }
        if (g.isParametric()) {
            StringBuilder sb = new StringBuilder(name).append('(');
            List<Expression> xs = g.expressions();
            for (int i = 0; i < xs.size(); i++) sb.append(i == 0 ? "" : ", ").append(text(xs.get(i)));
            return sb.append(')').toString();
        }
        return call(name, g.params());
    }

    /**
     * A parameter expression in OpenQASM 3 syntax. Not {@link Expression#text}: that writes
     * OpenQASM 2 ({@code ^} for powers, {@code ln}), where OpenQASM 3 has {@code **} and {@code log}
     * and {@code ^} is exclusive or. Compound operands are bracketed, which keeps it simple and exact.
     */
    static String text(Expression e) {
        return switch (e) {
            case Expression.Constant c -> c.value() < 0 ? "(" + Printer.number(c.value()) + ")" : Printer.number(c.value());
            case Expression.Parameter p -> p.name();
            case Expression.Negate n -> "-" + operand(n.operand());
            case Expression.Binary b -> operand(b.left()) + " " + switch (b.op()) {
                case ADD -> "+";
                case SUBTRACT -> "-";
                case MULTIPLY -> "*";
                case DIVIDE -> "/";
                case POWER -> "**";
            } + " " + operand(b.right());
            case Expression.Call c -> switch (c.function()) {
                case LN -> "log";
                case ASIN -> "arcsin";
                case ACOS -> "arccos";
                case ATAN -> "arctan";
                default -> c.function().qasmName();
            } + "(" + text(c.argument()) + ")";
        };
    }

    private static String operand(Expression e) {
        return e instanceof Expression.Binary || e instanceof Expression.Negate ? "(" + text(e) + ")" : text(e);
    }
}
