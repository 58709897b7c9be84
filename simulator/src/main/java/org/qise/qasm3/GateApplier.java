package org.qise.qasm3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.param.Expression;
import org.qise.qasm3.Ast.*;
import org.qise.qasm3.Interpreter.QReg;
import org.qise.qasm3.Interpreter.Scope;
import org.qise.qasm3.Interpreter.Var;

/**
 * Gate calls for the {@link Interpreter}: library gates, user gates (inlined, or kept as the
 * library gate they equal), broadcasting over registers, and the modifiers ctrl, negctrl, inv
 * and pow, which turn the called gate into one gate (a user gate's body multiplied out first).
 */
final class GateApplier {
    private final Interpreter in;

    GateApplier(Interpreter in) { this.in = in; }


    void apply(GateCall call, Scope scope) {
        double[] params = new double[call.params().size()];
        Expression[] symbolic = null; // set when an angle names an unbound input
        for (int k = 0; k < params.length; k++) {
            Expression x = in.hasSymbols ? in.symbolic(call.params().get(k), scope) : null;
            if (x != null) {
                if (symbolic == null) symbolic = new Expression[params.length];
                symbolic[k] = x;
                params[k] = Double.NaN;
            } else {
                params[k] = in.evalDouble(call.params().get(k), scope);
            }
        }
        if (symbolic != null) {
            for (int k = 0; k < params.length; k++) if (symbolic[k] == null) symbolic[k] = Expression.constant(params[k]);
        }
        Object def = call.name().equals("U") || call.name().equals("gphase") ? null : scope.lookup(call.name());
        if (def != null && !(def instanceof GateDef)) {
            if (def instanceof Def) throw in.error(call.pos(), "'" + call.name() + "' is a subroutine: call it as " + call.name() + "(…);");
            throw in.error(call.pos(), "'" + call.name() + "' is not a gate");
        }
        GateDef user = (GateDef) def;
        int baseArity;
        Gates.Definition builtin = null;
        if (user != null) {
            baseArity = user.qubits().size();
            if (params.length != user.params().size()) {
                throw in.error(call.pos(), "gate " + call.name() + " takes " + user.params().size() + " parameter(s), got " + params.length);
            }
        } else if (call.name().equals("gphase")) {
            baseArity = 0;
            if (params.length != 1) throw in.error(call.pos(), "gphase takes 1 parameter, got " + params.length);
        } else {
            Gates.Definition d = builtinDefinition(call.name(), call.pos());
            builtin = d;
            baseArity = d.qubits();
            if (params.length != d.params()) {
                throw in.error(call.pos(), "gate " + call.name() + " takes " + d.params() + " parameter(s), got " + params.length);
            }
        }
        // modifiers, outermost first; control counts add qubits in front
        int controls = 0;
        for (Modifier m : call.modifiers()) {
            if (m.kind().equals("ctrl") || m.kind().equals("negctrl")) {
                int n = m.arg() == null ? 1 : in.size(m.arg(), scope, m.kind() + " count");
                controls += n;
            }
        }
        int arity = baseArity + controls;
        List<int[]> ops = new ArrayList<>();
        for (Expr e : call.operands()) ops.add(in.qubits(e, scope));
        if (ops.size() != arity && !(arity == 0 && ops.isEmpty())) {
            if (!(call.name().equals("gphase") && controls == 0)) {
                throw in.error(call.pos(), (call.modifiers().isEmpty() ? "gate " + call.name() : "this gate with its modifiers")
                        + " acts on " + arity + " qubit(s), but " + ops.size() + " operand(s) are given");
            }
        }
        if (arity == 0) { // gphase alone: a global phase, applied once whatever its operands
            if (symbolic != null) {
                if (recordingBody > 0) {
                    throw in.error(call.pos(), "gphase with an angle that names an input, inside a gate used under modifiers:"
                            + " not supported; give the input a value with --param");
                }
                return; // unobservable without a control, whatever its value
            }
            double phi = params[0];
            for (Modifier m : call.modifiers()) {
                if (m.kind().equals("inv")) phi = -phi;
                if (m.kind().equals("pow")) phi *= in.eval(m.arg(), scope).asDouble();
            }
            in.backend.globalPhase(phi);
            return;
        }
        int n = 1;
        for (int[] o : ops) {
            if (o.length != 1) {
                if (n != 1 && o.length != n) throw in.error(call.pos(), "registers of different sizes (" + n + " and " + o.length + ") in one gate call");
                n = o.length;
                if (n == 0) return;
            }
        }
        if (user != null && call.modifiers().isEmpty()) {
            long cost = in.gateCost.getOrDefault(user, 1L);
            if (cost * n > in.limits.maxOperations() - in.steps) {
                throw in.error(call.pos(), "gate " + call.name() + " expands to more than " + in.limits.maxOperations() + " operations; refusing to expand it");
            }
        }
        for (int k = 0; k < n; k++) {
            int[] qs = new int[arity];
            for (int j = 0; j < arity; j++) qs[j] = ops.get(j).length == 1 ? ops.get(j)[0] : ops.get(j)[k];
            for (int a = 0; a < qs.length; a++) {
                for (int b = 0; b < a; b++) {
                    if (qs[a] == qs[b]) throw in.error(call.pos(), "gate " + call.name() + " is applied to the same qubit twice");
                }
            }
            if (symbolic != null) {
                applySymbolic(call, user, builtin, symbolic, qs, scope);
            } else if (call.modifiers().isEmpty()) {
                if (user == null) {
                    in.backend.gate(params.length == 0 ? Builtins.gate(call.name(), params) : builtin.create(params), qs);
                } else {
                    Gate known = libraryEquivalent(user, params);
                    if (known != null) in.backend.gate(known, qs);
                    else expandUser(user, params, qs, call.pos());
                }
            } else {
                applyModified(call, user, params, qs, scope);
            }
        }
    }

    /**
     * A gate whose angles name unbound inputs: a parametric library gate, a user gate inlined
     * with its parameters as expressions, or a gate under modifiers. Modifiers keep the angles
     * symbolic: where the result is a library gate at every angle (one {@code ctrl} of rx → crx,
     * {@code inv} of a rotation → the negated angle) it is that gate, so gradients and QASM 2
     * export still see a library gate; otherwise a {@linkplain Gates#derived derived} gate whose
     * matrix is built from the bound angles (controlled matrix, adjoint, fractional power).
     */
    private void applySymbolic(GateCall call, GateDef user, Gates.Definition builtin, Expression[] angles, int[] qs, Scope scope) {
        if (user != null && call.modifiers().isEmpty()) {
            if (isLibraryGateAtAnyAngle(user)) { // gate rzz(t) a, b { … } as Qiskit writes it: keep the library gate
                in.backend.gate(Gates.parametric(user.name(), angles), qs);
                return;
            }
            if (++in.callDepth > in.limits.maxNesting()) throw in.error(call.pos(), "gates nest more than " + in.limits.maxNesting() + " deep");
            try {
                Scope s = new Scope(in.globals, true);
                for (int k = 0; k < angles.length; k++) {
                    s.syms.put(user.params().get(k), angles[k] instanceof Expression.Constant c
                            ? new Var("float", 0, true, Val.ofFloat(c.value())) : new Var("float", 0, true, null, angles[k]));
                }
                for (int k = 0; k < qs.length; k++) s.syms.put(user.qubits().get(k), new QReg(new int[]{qs[k]}));
                for (Stmt st : user.body()) {
                    if (st instanceof GateCall c) {
                        in.step(c.pos());
                        apply(c, s);
                    } else if (st instanceof Barrier b) {
                        in.exec(b, s);
                    }
                }
            } finally {
                in.callDepth--;
            }
            return;
        }
        List<Object> mods = new ArrayList<>(); // kind, argument; outermost first, as applyModified keeps them
        for (Modifier m : call.modifiers()) {
            mods.add(m.kind());
            mods.add(m.arg() == null ? 1.0 : in.eval(m.arg(), scope).asDouble());
        }
        Gate g = user == null ? exactSymbolic(builtin.name(), angles, mods) : null;
        if (g == null) g = derivedSymbolic(call, user, builtin, angles, mods);
        boolean[] negated = new boolean[qs.length];
        int c = 0;
        for (int k = 0; k < mods.size(); k += 2) {
            String kind = (String) mods.get(k);
            if (!kind.equals("ctrl") && !kind.equals("negctrl")) continue;
            for (int j = 0; j < (int) (double) (Double) mods.get(k + 1); j++) negated[c++] = kind.equals("negctrl");
        }
        for (int j = 0; j < qs.length; j++) if (negated[j]) in.backend.gate(Gates.x(), new int[]{qs[j]});
        in.backend.gate(g, qs);
        for (int j = 0; j < qs.length; j++) if (negated[j]) in.backend.gate(Gates.x(), new int[]{qs[j]});
    }

    /** Library gate {@code name} under {@code mods} as a library gate at every angle, or null when it is not one. */
    private static Gate exactSymbolic(String name, Expression[] angles, List<Object> mods) {
        Expression[] a = angles;
        int controls = 0;
        for (int k = mods.size() - 2; k >= 0; k -= 2) { // innermost modifier first
            String kind = (String) mods.get(k);
            double arg = (Double) mods.get(k + 1);
            if (kind.equals("inv") && controls == 0) {
                a = invertedAngles(name, a);
                if (a == null) return null;
            } else if (kind.equals("pow") && arg == 1) {
                continue;
            } else if (kind.equals("ctrl") || kind.equals("negctrl")) {
                controls += (int) arg;
            } else {
                return null;
            }
        }
        Gate g = Gates.parametric(name, a).controlled(controls);
        return g.derivation() == null ? g : null;
    }

    /**
     * A gate under modifiers over unbound angles, built when bound. A user gate's body is first
     * recorded with its formal parameters as symbols, so binding multiplies out gates that no
     * longer need the reader (binding may happen later, on any thread).
     */
    private Gate derivedSymbolic(GateCall call, GateDef user, Gates.Definition builtin, Expression[] angles, List<Object> mods) {
        java.util.function.Function<double[], Gate> base;
        Map<String, String> defs = null;
        String name;
        if (user != null) {
            name = user.name();
            base = recordedBody(user, call.pos());
            defs = new java.util.LinkedHashMap<>();
            definitions(user, defs);
        } else {
            name = builtin.name();
            base = builtin::create;
        }
        String written = UserGates.modifiers(mods) + name;
        Map<String, String> definitions = defs;
        List<Object> mods0 = List.copyOf(mods);
        // a library gate under modifiers has a form gradients can differentiate; a user gate's
        // recorded body does not (yet)
        Gate.Derivation.Form form = user != null ? null : new Gate.Derivation.Form.Library(name);
        for (int k = mods0.size() - 2; form != null && k >= 0; k -= 2) {
            double arg = (Double) mods0.get(k + 1);
            form = switch ((String) mods0.get(k)) {
                case "inv" -> new Gate.Derivation.Form.Inverse(form);
                case "pow" -> new Gate.Derivation.Form.Power(form, arg);
                default -> new Gate.Derivation.Form.Controlled(form, (int) arg);
            };
        }
        Gate.Derivation d = new Gate.Derivation(written, v -> {
            Gate g = base.apply(v);
            for (int k = mods0.size() - 2; k >= 0; k -= 2) {
                String kind = (String) mods0.get(k);
                double arg = (Double) mods0.get(k + 1);
                g = switch (kind) {
                    case "inv" -> g.inverse();
                    case "pow" -> power(g, arg);
                    default -> g.controlled((int) arg);
                };
            }
            if (definitions != null && !Gates.isLibraryGate(g)) {
                StringBuilder c = new StringBuilder(written).append('(');
                for (int k = 0; k < v.length; k++) c.append(k == 0 ? "" : ", ").append(Printer.number(v[k]));
                UserGates.remember(g, new UserGates.Origin(c.append(')').toString(), definitions));
            }
            return g;
        }, form);
        Gate g;
        try {
            g = Gates.derived(d, angles);
        } catch (IllegalArgumentException e) {
            throw in.error(call.pos(), e.getMessage());
        }
        if (definitions != null) UserGates.remember(g, new UserGates.Origin(written, definitions));
        return g;
    }

    /** A user gate's body as gates over its formal parameters (symbols), and the gate it makes for given values. */
    private java.util.function.Function<double[], Gate> recordedBody(GateDef user, Pos pos) {
        int k = user.qubits().size();
        if (k > 10) throw in.error(pos, "modifiers on gate " + user.name() + " of " + k + " qubits: at most 10 are supported");
        List<String> formals = user.params();
        Expression[] symbols = new Expression[formals.size()];
        for (int j = 0; j < symbols.length; j++) symbols[j] = org.qise.param.Param.of(formals.get(j));
        List<Gate> gates = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        double[] phase = {0};
        Backend recorder = new MatrixBackend(k, in, pos) {
            @Override public void gate(Gate gate, int[] qubits) { gates.add(gate); where.add(qubits.clone()); }
            @Override public void globalPhase(double phi) { phase[0] += phi; }
        };
        Backend saved = in.backend;
        in.backend = recorder;
        recordingBody++;
        try {
            int[] local = new int[k];
            for (int j = 0; j < k; j++) local[j] = j;
            applySymbolic(new GateCall(List.of(), user.name(), List.of(), List.of(), pos), user, null, symbols, local, in.globals);
        } finally {
            recordingBody--;
            in.backend = saved;
        }
        double gphase = phase[0];
        return v -> {
            Map<String, Double> values = new HashMap<>();
            for (int j = 0; j < v.length; j++) values.put(formals.get(j), v[j]);
            Matrix m = Matrix.identity(1 << k);
            for (int j = 0; j < gates.size(); j++) m = gates.get(j).bind(values).matrix().embed(k, where.get(j)).times(m);
            return new Gate(user.name(), v, 0, m.timesPhase(gphase));
        };
    }

    /** Above zero while a user gate's body is recorded for a derived gate, where a symbolic global phase is observable. */
    private int recordingBody;

    /**
     * Whether a user gate with a library name is that library gate whatever its angles: checked,
     * as {@link #libraryEquivalent} does for numbers, at two unrelated points, since angles that
     * are still symbols have no value to check at.
     */
    private boolean isLibraryGateAtAnyAngle(GateDef g) {
        Gates.Definition d = Gates.lookup(g.name()).orElse(null);
        if (d == null || d.params() != g.params().size() || d.params() == 0) return false;
        double[] a = new double[d.params()], b = new double[d.params()];
        for (int k = 0; k < a.length; k++) {
            a[k] = 0.3711 + 0.917 * k;
            b[k] = -1.2093 + 0.5413 * k;
        }
        return libraryEquivalent(g, a) != null && libraryEquivalent(g, b) != null;
    }

    /** The angles of the inverse of library rotation {@code name}, or null where it has no such form. */
    private static Expression[] invertedAngles(String name, Expression[] a) {
        return switch (name) {
            case "rx", "ry", "rz", "p", "u1", "crx", "cry", "crz", "cp", "cu1", "rxx", "rzz" -> new Expression[]{a[0].negate()};
            case "U", "u", "u3", "cu3" -> new Expression[]{a[0].negate(), a[2].negate(), a[1].negate()};
            case "cu" -> new Expression[]{a[0].negate(), a[2].negate(), a[1].negate(), a[3].negate()};
            default -> null;
        };
    }

    /** Library gates already resolved by name: a long program calls the same few gates over and over. */
    private final Map<String, Gates.Definition> resolved = new HashMap<>();

    private Gates.Definition builtinDefinition(String name, Pos p) {
        Gates.Definition known = resolved.get(name);
        if (known != null) return known;
        if (Interpreter.STDGATES.contains(name) || in.qelib1) {
            Gates.Definition d = Builtins.definition(name);
            if (d != null) {
                resolved.put(name, d);
                return d;
            }
        }
        throw in.error(p, "unknown gate '" + name + "'" + (Gates.lookup(name).isPresent() ? " (it is in qelib1.inc, not stdgates.inc)" : ""));
    }

    /** Inlines a user gate's body with its parameters and qubits bound. */
    private void expandUser(GateDef g, double[] params, int[] qs, Pos callPos) {
        if (++in.callDepth > in.limits.maxNesting()) throw in.error(callPos, "gates nest more than " + in.limits.maxNesting() + " deep");
        try {
            Scope s = new Scope(in.globals, true);
            for (int k = 0; k < params.length; k++) s.syms.put(g.params().get(k), new Var("float", 0, true, Val.ofFloat(params[k])));
            for (int k = 0; k < qs.length; k++) s.syms.put(g.qubits().get(k), new QReg(new int[]{qs[k]}));
            for (Stmt st : g.body()) {
                if (st instanceof GateCall c) {
                    in.step(c.pos());
                    apply(c, s);
                } else if (st instanceof Barrier b) {
                    in.exec(b, s);
                }
            }
        } finally {
            in.callDepth--;
        }
    }

    /**
     * The library gate that a user gate of a library name really is (checked by multiplying out
     * its body), or null. This keeps {@code gate rzz(θ) a, b {…}} as QISE's rzz, so a file
     * written by the exporter reads back to the same gates.
     */
    private Gate libraryEquivalent(GateDef g, double[] params) {
        Gates.Definition d = Gates.lookup(g.name()).orElse(null);
        if (d == null || d.params() != params.length || d.qubits() != g.qubits().size() || d.qubits() > 5) return null;
        List<Object> key = List.of("lib", g, Arrays.stream(params).boxed().toList());
        Object cached = in.modifiedCache.get(key);
        if (cached == null) {
            Gate lib = d.create(params);
            Matrix body = bodyMatrix(g, params, g.pos());
            cached = body.distance(lib.matrix()) < 1e-10 ? lib : Boolean.FALSE;
            if (in.modifiedCache.size() < 10_000) in.modifiedCache.put(key, cached);
        }
        return cached instanceof Gate gate ? gate : null;
    }

    /** The dense unitary of a user gate's body, global phase included. */
    private Matrix bodyMatrix(GateDef g, double[] params, Pos p) {
        int k = g.qubits().size();
        if (k > 10) throw in.error(p, "modifiers on gate " + g.name() + " of " + k + " qubits: at most 10 are supported");
        MatrixBackend mb = new MatrixBackend(k, in, p);
        Backend saved = in.backend;
        in.backend = mb;
        try {
            int[] local = new int[k];
            for (int j = 0; j < k; j++) local[j] = j;
            expandUser(g, params, local, p);
        } finally {
            in.backend = saved;
        }
        return mb.matrix;
    }

    private void applyModified(GateCall call, GateDef user, double[] params, int[] qs, Scope scope) {
        List<Object> mods = new ArrayList<>();
        for (Modifier m : call.modifiers()) {
            mods.add(m.kind());
            mods.add(m.arg() == null ? 1.0 : in.eval(m.arg(), scope).asDouble());
        }
        List<Object> key = List.of(call, Arrays.stream(params).boxed().toList(), mods);
        Object cached = in.modifiedCache.get(key);
        Modified mg;
        if (cached instanceof Modified c) {
            mg = c;
        } else {
            mg = modify(call, user, params, mods);
            if (in.modifiedCache.size() < 10_000) in.modifiedCache.put(key, mg);
        }
        for (int j = 0; j < qs.length; j++) if (mg.negated[j]) in.backend.gate(Gates.x(), new int[]{qs[j]});
        if (mg.gate != null) in.backend.gate(mg.gate, qs);
        else in.backend.globalPhase(mg.phase);
        for (int j = 0; j < qs.length; j++) if (mg.negated[j]) in.backend.gate(Gates.x(), new int[]{qs[j]});
    }

    /** A gate after its modifiers, with the controls that act on |0⟩ marked; gate null means a global phase. */
    record Modified(Gate gate, double phase, boolean[] negated) {}

    private Modified modify(GateCall call, GateDef user, double[] params, List<Object> mods) {
        Gate g;
        double phase = 0;
        boolean isPhase = false;
        if (call.name().equals("gphase")) {
            isPhase = true;
            phase = params[0];
            g = null;
        } else if (user != null) {
            Gate known = libraryEquivalent(user, params);
            g = known != null ? known : new Gate(user.name(), params, 0, bodyMatrix(user, params, call.pos()));
        } else {
            g = Builtins.gate(call.name(), params);
        }
        List<Boolean> negs = new ArrayList<>(); // polarity of controls, outermost first
        for (int k = mods.size() - 2; k >= 0; k -= 2) {
            String kind = (String) mods.get(k);
            double arg = (Double) mods.get(k + 1);
            switch (kind) {
                case "inv" -> {
                    if (isPhase) phase = -phase;
                    else g = g.inverse();
                }
                case "pow" -> {
                    if (isPhase) phase *= arg;
                    else g = power(g, arg, call.pos());
                }
                default -> { // ctrl, negctrl
                    int n = (int) arg;
                    if (isPhase) {
                        g = Gates.p(phase).controlled(n - 1);
                        if (n - 1 == 0) g = Gates.p(phase);
                        isPhase = false;
                    } else {
                        g = g.controlled(n);
                    }
                    List<Boolean> add = new ArrayList<>();
                    for (int j = 0; j < n; j++) add.add(kind.equals("negctrl"));
                    negs.addAll(0, add);
                }
            }
        }
        if (!isPhase && user != null && !Gates.isLibraryGate(g)) {
            StringBuilder call0 = new StringBuilder(UserGates.modifiers(mods)).append(user.name());
            if (params.length > 0) {
                call0.append('(');
                for (int k = 0; k < params.length; k++) call0.append(k == 0 ? "" : ", ").append(Printer.number(params[k]));
                call0.append(')');
            }
            Map<String, String> defs = new java.util.LinkedHashMap<>();
            definitions(user, defs);
            UserGates.remember(g, new UserGates.Origin(call0.toString(), defs));
        }
        int total = isPhase ? 0 : g.qubits();
        boolean[] negated = new boolean[total];
        for (int j = 0; j < negs.size(); j++) negated[j] = negs.get(j);
        return new Modified(isPhase ? null : g, phase, negated);
    }

    /** The text of user gate {@code g} and of every gate and constant it uses, callees first, into {@code out}. */
    private void definitions(GateDef g, Map<String, String> out) {
        if (out.containsKey(g.name())) return;
        out.put(g.name(), null); // placeholder against cycles; replaced below, after its callees
        List<Ident> names = new ArrayList<>();
        collectIdents(g.params().isEmpty() ? g.body() : g.body(), names);
        for (Ident id : names) {
            if (g.params().contains(id.name()) || out.containsKey(id.name())) continue;
            if (in.globals.syms.get(id.name()) instanceof Var v && v.isConst && v.value != null) {
                out.put(id.name(), "const " + Printer.typeName(v.type, v.width) + " " + id.name() + " = " + v.value.literal() + ";");
            }
        }
        for (Stmt st : g.body()) {
            if (st instanceof GateCall c && in.globals.syms.get(c.name()) instanceof GateDef callee) definitions(callee, out);
        }
        out.remove(g.name());
        out.put(g.name(), Printer.definition(g).stripTrailing());
    }

    /** Every identifier in a syntax node, found by walking its records and lists (the reader uses it too). */
    static void collectIdents(Object node, List<Ident> out) {
        switch (node) {
            case Ident id -> out.add(id);
            case List<?> l -> { for (Object o : l) collectIdents(o, out); }
            case Record r -> {
                for (var c : r.getClass().getRecordComponents()) {
                    try {
                        Object v = c.getAccessor().invoke(r);
                        if (v instanceof Record || v instanceof List<?>) collectIdents(v, out);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            default -> { }
        }
    }

    /** g^k: the target matrix raised (controls stay controls); a library gate where the result is one. */
    private Gate power(Gate g, double k, Pos p) {
        try {
            return power(g, k);
        } catch (IllegalArgumentException e) {
            throw in.error(p, e.getMessage());
        }
    }

    /** g^k, as above; an IllegalArgumentException where the power is not defined. */
    static Gate power(Gate g, double k) {
        if (k == 1) return g;
        if (k == -1) return g.inverse();
        Matrix m = MatrixPower.pow(g.targetMatrix(), k);
        for (String lib : List.of("id", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg", "swap")) {
            Gate cand = Gates.lookup(lib).orElseThrow().create();
            if (cand.targets() == g.targets() && cand.controls() == 0 && cand.targetMatrix().distance(m) < 1e-12) {
                return cand.controlled(g.controls());
            }
        }
        String kText = Printer.number(k);
        return new Gate("pow(" + kText + ")_" + g.name(), g.params(), g.controls(), m);
    }
}
