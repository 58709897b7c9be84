package org.qise.qasm3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qise.qasm.ParseLimits;
import org.qise.param.Expression;
import org.qise.qasm.QasmException;
import org.qise.qasm3.Ast.*;

/**
 * Executes OpenQASM 3 statements against a {@link Backend}. The same code reads a program
 * (classical values known, quantum operations recorded into a circuit) and runs the dynamic
 * part of a program shot by shot (measurement outcomes known, operations applied to a state):
 * one meaning of every statement, whatever runs it.
 */
final class Interpreter {

    /** Thrown while reading when a value depends on a measurement: the rest runs shot by shot. */
    static final class NeedsDynamic extends RuntimeException {
        NeedsDynamic() { super(null, null, false, false); }
    }

    enum Signal { NORMAL, BREAK, CONTINUE, RETURN, END }

    // ---- symbols ----

    record QReg(int[] qubits) {}

    record CReg(String name, int[] clbits) {}

    /** A classical variable; the value is replaced on assignment. */
    static final class Var {
        final String type;
        final int width;
        final boolean isConst;
        Val value;
        /**
         * For an {@code input} given no value (and a gate parameter that received one): the
         * circuit parameter it stands for. Such a variable has no value while the program is read;
         * gate angles carry it as an expression, anything classical refuses it.
         */
        final Expression symbol;

        Var(String type, int width, boolean isConst, Val value) {
            this(type, width, isConst, value, null);
        }

        Var(String type, int width, boolean isConst, Val value, Expression symbol) {
            this.type = type;
            this.width = width;
            this.isConst = isConst;
            this.value = value;
            this.symbol = symbol;
        }

        Var copy() { return new Var(type, width, isConst, value, symbol); }
    }

    /** Names in a block; a gate or subroutine body sees only constants, gates and subroutines outside itself. */
    static final class Scope {
        final Scope parent;
        final boolean boundary;
        final Map<String, Object> syms = new java.util.LinkedHashMap<>();
        /** How each {@code let} alias of this scope was written, so a block can be written back. */
        final Map<String, Expr> aliases = new java.util.LinkedHashMap<>();

        Scope(Scope parent, boolean boundary) {
            this.parent = parent;
            this.boundary = boundary;
        }

        Object lookup(String name) {
            boolean crossed = false;
            for (Scope s = this; s != null; s = s.parent) {
                Object o = s.syms.get(name);
                if (o != null && (!crossed || visibleAcross(o))) return o;
                if (s.boundary) crossed = true;
            }
            return null;
        }

        private static boolean visibleAcross(Object o) {
            return o instanceof GateDef || o instanceof Def || o instanceof Var v && v.isConst;
        }

        /** A copy whose variables are fresh copies, so running it does not change this one. */
        Scope copyGlobals() {
            Scope c = new Scope(null, false);
            for (Map.Entry<String, Object> e : syms.entrySet()) {
                c.syms.put(e.getKey(), e.getValue() instanceof Var v ? v.copy() : e.getValue());
            }
            c.aliases.putAll(aliases);
            return c;
        }
    }

    static final Set<String> STDGATES = Set.of("p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz",
            "cx", "cy", "cz", "cp", "crx", "cry", "crz", "ch", "swap", "ccx", "cswap", "cu", "CX", "phase", "cphase",
            "id", "u1", "u2", "u3", "U");

    final String file;
    final ParseLimits limits;
    final Map<String, Double> inputs;
    final boolean qelib1;
    Backend backend;
    Scope globals;
    /** Registers already allocated for declarations, so that running a declaration again finds them. */
    final Map<Stmt, Object> allocated;
    /** Whether this run reads the program (true) or runs a shot (false). */
    final boolean reading;
    long steps;
    /** Whether some input was left unbound (a circuit parameter): only then do gate angles need the symbolic path. */
    boolean hasSymbols;
    private long loopProduct = 1;
    int callDepth;
    private Val returned;
    /** Set while reading {@code if (reg == n)} bodies that become OpenQASM 2-style conditions. */
    Object[] condition;
    final Map<GateDef, Long> gateCost = new IdentityHashMap<>();
    private final GateApplier gates = new GateApplier(this);
    /** Gates after modifiers, by call and arguments: shared by every shot of a dynamic block. */
    Map<List<Object>, Object> modifiedCache = new HashMap<>();
    /** Physical qubits $n, allocated on first use. */
    Map<Integer, int[]> physical = new HashMap<>();
    /** Set by the reader to allocate a declaration's register; null while running a shot. */
    Allocator allocator;

    interface Allocator {
        int[] qubits(String name, int size, Pos pos);

        int[] clbits(String name, int size, Pos pos);
    }

    Interpreter(String file, ParseLimits limits, Map<String, Double> inputs, boolean qelib1, boolean reading,
                Map<Stmt, Object> allocated) {
        this.file = file;
        this.limits = limits;
        this.inputs = inputs;
        this.qelib1 = qelib1;
        this.reading = reading;
        this.allocated = allocated;
    }

    QasmException error(Pos p, String msg) { return new QasmException(file, p.line(), p.column(), msg); }

    void step(Pos p) {
        if (++steps > limits.maxOperations()) {
            throw error(p, "the program expands to more than " + limits.maxOperations() + " steps (loops and gate calls); refusing to go on");
        }
    }

    // ---- statements ----

    Signal execAll(List<Stmt> stmts, Scope scope) {
        for (Stmt s : stmts) {
            Signal sig = exec(s, scope);
            if (sig != Signal.NORMAL) return sig;
        }
        return Signal.NORMAL;
    }

    Signal exec(Stmt st, Scope scope) {
        step(st.pos());
        switch (st) {
            case GateCall g -> gates.apply(g, scope);
            case Measure m -> measure(m, scope);
            case Reset r -> {
                for (int q : qubits(r.operand(), scope)) backend.reset(q);
            }
            case Barrier b -> {
                List<Integer> qs = new ArrayList<>();
                if (b.operands().isEmpty()) {
                    for (Object o : allQubitRegs(scope)) for (int q : ((QReg) o).qubits()) qs.add(q);
                } else {
                    for (Expr e : b.operands()) for (int q : qubits(e, scope)) qs.add(q);
                }
                if (!qs.isEmpty()) backend.barrier(qs.stream().mapToInt(Integer::intValue).distinct().toArray());
            }
            case QubitDecl d -> declareQubits(d, scope);
            case VarDecl d -> declareVar(d, scope);
            case Let l -> {
                checkFree(l.name(), scope, l.pos());
                scope.syms.put(l.name(), new QReg(qubits(l.value(), scope)));
                scope.aliases.put(l.name(), l.value());
            }
            case GateDef g -> defineGate(g, scope);
            case Def d -> {
                if (scope != globals) throw error(d.pos(), "subroutines can only be defined at the top level");
                checkFree(d.name(), scope, d.pos());
                scope.syms.put(d.name(), d);
            }
            case Assign a -> assign(a, scope);
            case If f -> { return execIf(f, scope); }
            case For f -> { return execFor(f, scope); }
            case While w -> { return execWhile(w, scope); }
            case Break b -> { return Signal.BREAK; }
            case Continue c -> { return Signal.CONTINUE; }
            case Switch s -> { return execSwitch(s, scope); }
            case Timing t -> {
                if (!t.body().isEmpty()) return execAll(t.body(), new Scope(scope, false));
            }
            case Return r -> {
                if (callDepth == 0) throw error(r.pos(), "return outside a subroutine");
                returned = r.value() == null ? null : r.value() instanceof MeasureExpr m ? measureValue(m, scope) : eval(r.value(), scope);
                return Signal.RETURN;
            }
            case ExprStmt e -> eval(e.expr(), scope);
            case End e -> { return Signal.END; }
            case Block b -> {
                // a block made by the parser from "bit b = measure q;" declares into the enclosing scope
                boolean synthetic = b.body().size() == 2 && b.body().get(0) instanceof VarDecl && b.body().get(1) instanceof Measure;
                return execAll(b.body(), synthetic ? scope : new Scope(scope, false));
            }
        }
        return Signal.NORMAL;
    }

    private List<Object> allQubitRegs(Scope scope) {
        List<Object> out = new ArrayList<>();
        for (Object o : globals.syms.values()) if (o instanceof QReg) out.add(o);
        return out;
    }

    private void checkFree(String name, Scope scope, Pos p) {
        if (scope.syms.containsKey(name)) throw error(p, "'" + name + "' is already declared in this scope");
        if (Builtins.isConstant(name) && scope == globals) throw error(p, "'" + name + "' is a built-in constant");
    }

    private void declareQubits(QubitDecl d, Scope scope) {
        if (scope != globals) throw error(d.pos(), "qubits can only be declared at the top level");
        checkFree(d.name(), scope, d.pos());
        int[] qs = (int[]) allocated.get(d);
        if (qs == null) {
            int size = d.size() == null ? 1 : size(d.size(), scope, "register size");
            if (allocator == null) throw error(d.pos(), "qubit declaration cannot run here");
            qs = allocator.qubits(d.name(), size, d.pos());
            allocated.put(d, qs);
        }
        scope.syms.put(d.name(), new QReg(qs));
    }

    int size(Expr e, Scope scope, String what) {
        Val v = eval(e, scope);
        if (v.isFloat() || v.kind() == Val.Kind.BOOL) throw error(e.pos(), what + " must be an integer");
        long n = v.asLong();
        if (n < 1) throw error(e.pos(), what + " must be at least 1, not " + n);
        if (n > 1 << 20) throw error(e.pos(), what + " " + n + " is too large");
        return (int) n;
    }

    private void declareVar(VarDecl d, Scope scope) {
        checkFree(d.name(), scope, d.pos());
        String type = d.type().name();
        int width = d.type().width() == null ? (type.equals("bit") ? 1 : 0) : size(d.type().width(), scope, type + " size");
        if (type.equals("bit") && d.type().width() != null || type.equals("bit") && scope == globals) {
            // bits (registers) at the top level are circuit bits: they appear in the counts
            if (scope == globals) {
                int[] cl = (int[]) allocated.get(d);
                if (cl == null) {
                    if (allocator == null) throw error(d.pos(), "bit declaration cannot run here");
                    cl = allocator.clbits(d.name(), width, d.pos());
                    allocated.put(d, cl);
                }
                CReg reg = new CReg(d.name(), cl);
                scope.syms.put(d.name(), reg);
                if (d.init() != null) writeBits(cl, eval(d.init(), scope).convert("bit", cl.length), d.init().pos());
                return;
            }
        }
        if (width > 64) throw error(d.type().pos(), type + "[" + width + "] is wider than the 64 bits supported for classical values");
        Val value;
        if (d.io() != null && d.io().equals("input")) {
            Double given = inputs.get(d.name());
            if (given == null && type.equals("float") && reading) {
                // an unbound angle stays a circuit parameter, bound later (Circuit.bind, --param, sweep, grad)
                Expression symbol;
                try {
                    symbol = Expression.parameter(d.name());
                } catch (IllegalArgumentException e) {
                    throw error(d.pos(), "input '" + d.name() + "' has no value, and a circuit parameter needs an ASCII name: give it a value with --param");
                }
                hasSymbols = true;
                scope.syms.put(d.name(), new Var(type, width, true, null, symbol));
                return;
            }
            if (given == null) {
                throw error(d.pos(), "input '" + d.name() + "' has no value: an " + type + " input is classical and must be given when the file is read, e.g. --param " + d.name() + "=1");
            }
            value = Val.ofFloat(given).convert(type, width);
        } else if (d.init() != null) {
            if (d.isConst() && !isConstExpr(d.init(), scope)) throw error(d.init().pos(), "a constant's value must be a constant expression");
            value = eval(d.init(), scope).convert(type, width);
        } else {
            value = (type.equals("float") ? Val.ofFloat(0) : Val.ofInt(0)).convert(type, width);
        }
        scope.syms.put(d.name(), new Var(type, width, d.isConst() || "input".equals(d.io()), value));
    }

    private boolean isConstExpr(Expr e, Scope scope) {
        return switch (e) {
            case IntLit x -> true;
            case FloatLit x -> true;
            case BoolLit x -> true;
            case BitString x -> true;
            case Ident id -> scope.lookup(id.name()) instanceof Var v ? v.isConst : scope.lookup(id.name()) == null && Builtins.isConstant(id.name());
            case Unary u -> isConstExpr(u.operand(), scope);
            case Binary b -> isConstExpr(b.left(), scope) && isConstExpr(b.right(), scope);
            case Call c -> Builtins.isFunction(c.name()) && c.args().stream().allMatch(a -> isConstExpr(a, scope));
            case Cast c -> isConstExpr(c.operand(), scope);
            case Index ix -> isConstExpr(ix.target(), scope) && isConstExpr(ix.index(), scope);
            default -> false;
        };
    }

    private void defineGate(GateDef g, Scope scope) {
        if (scope != globals) throw error(g.pos(), "gates can only be defined at the top level");
        if (g.name().equals("U") || g.name().equals("gphase")) throw error(g.pos(), "'" + g.name() + "' is built in and cannot be redefined");
        checkFree(g.name(), scope, g.pos());
        long cost = 1;
        Set<String> names = new java.util.HashSet<>(g.qubits());
        if (names.size() != g.qubits().size()) throw error(g.pos(), "gate " + g.name() + " names a qubit argument twice");
        for (Stmt s : g.body()) {
            switch (s) {
                case GateCall c -> {
                    Object callee = globals.lookup(c.name());
                    if (c.name().equals(g.name())) throw error(c.pos(), "gate " + g.name() + " calls itself; gates cannot be recursive");
                    long each = callee instanceof GateDef d ? gateCost.getOrDefault(d, 1L) : 1;
                    cost = Math.min(Long.MAX_VALUE / 4, cost + each);
                    for (Expr op : c.operands()) {
                        if (!(op instanceof Ident id) || !names.contains(id.name())) {
                            throw error(op.pos(), "inside gate " + g.name() + ", operands must be its qubit arguments");
                        }
                    }
                }
                case Barrier b -> { }
                case Timing t -> { }
                default -> throw error(s.pos(), "a gate body holds only gate calls (use def for subroutines)");
            }
        }
        gateCost.put(g, cost);
        scope.syms.put(g.name(), g);
    }

    // ---- quantum operations ----

    /** Flat qubits that an operand names (a register, an element, a slice, a concatenation, $n). */
    int[] qubits(Expr e, Scope scope) {
        switch (e) {
            case HwQubit h -> {
                int[] known = physical.get(h.index());
                if (known != null) return known;
                if (allocator != null) {
                    int[] q = allocator.qubits("$" + h.index(), 1, h.pos());
                    physical.put(h.index(), q);
                    return q;
                }
                throw error(h.pos(), "physical qubit $" + h.index() + " is not used before this point");
            }
            case Ident id -> {
                Object o = scope.lookup(id.name());
                if (o instanceof QReg r) return r.qubits();
                if (o == null) throw error(id.pos(), "'" + id.name() + "' is not a declared qubit or register");
                throw error(id.pos(), "'" + id.name() + "' is not a qubit");
            }
            case Index ix -> {
                int[] base = qubits(ix.target(), scope);
                return select(base, ix.index(), scope);
            }
            case Concat c -> {
                List<Integer> all = new ArrayList<>();
                for (Expr p : c.parts()) for (int q : qubits(p, scope)) all.add(q);
                return all.stream().mapToInt(Integer::intValue).toArray();
            }
            default -> throw error(e.pos(), "expected a qubit operand");
        }
    }

    /** Elements of {@code base} chosen by an index, a range or a set. */
    int[] select(int[] base, Expr index, Scope scope) {
        if (index instanceof IntLit lit) return new int[]{base[checkIndex(lit.value(), base.length, lit.pos())]};
        int[] idx = indices(index, base.length, scope);
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) out[k] = base[idx[k]];
        return out;
    }

    int[] indices(Expr index, int size, Scope scope) {
        switch (index) {
            case Range r -> {
                long start = r.start() == null ? 0 : eval(r.start(), scope).asLong();
                long step = r.step() == null ? 1 : eval(r.step(), scope).asLong();
                long end = r.end() == null ? size - 1 : eval(r.end(), scope).asLong();
                if (start < 0) start += size;
                if (end < 0) end += size;
                if (step == 0) throw error(r.pos(), "a range step cannot be 0");
                long count = (end - start) / step + 1;
                if (count <= 0) return new int[0];
                int[] out = new int[(int) Math.min(count, size + 1L)];
                for (int k = 0; k < out.length; k++) out[k] = checkIndex(start + k * step, size, r.pos());
                if (count > size) throw error(r.pos(), "range selects " + count + " elements of a register of " + size);
                return out;
            }
            case SetLit s -> {
                int[] out = new int[s.items().size()];
                for (int k = 0; k < out.length; k++) out[k] = checkIndex(eval(s.items().get(k), scope).asLong(), size, s.items().get(k).pos());
                return out;
            }
            default -> {
                Val v = eval(index, scope);
                if (v.isFloat()) throw error(index.pos(), "an index must be an integer");
                return new int[]{checkIndex(v.asLong(), size, index.pos())};
            }
        }
    }

    private int checkIndex(long i, int size, Pos p) {
        long j = i < 0 ? i + size : i;
        if (j < 0 || j >= size) throw error(p, "index " + i + " is out of range for a register of " + size);
        return (int) j;
    }

    private void measure(Measure m, Scope scope) {
        int[] qs = qubits(m.operand(), scope);
        if (m.target() == null) {
            for (int q : qs) backend.measureValue(q);
            return;
        }
        BitTarget t = bitTarget(m.target(), scope);
        if (t.size() != qs.length) {
            throw error(m.pos(), "measure of " + qs.length + " qubit(s) into " + t.size() + " bit(s): the sizes must match");
        }
        if (t.clbits != null) {
            for (int k = 0; k < qs.length; k++) backend.measure(qs[k], t.clbits[k]);
        } else {
            long v = t.var.value.asLong();
            for (int k = 0; k < qs.length; k++) {
                int bit = t.bitIndex + k;
                int outcome = backend.measureValue(qs[k]);
                v = outcome == 1 ? v | 1L << bit : v & ~(1L << bit);
            }
            t.var.value = new Val(t.var.value.kind(), t.var.value.width(), v, 0).convert(t.var.type, t.var.width);
        }
    }

    private Val measureValue(MeasureExpr m, Scope scope) {
        int[] qs = qubits(m.operand(), scope);
        long v = 0;
        for (int k = 0; k < qs.length; k++) if (backend.measureValue(qs[k]) == 1) v |= 1L << k;
        return Val.ofBits(v, qs.length);
    }

    /** Circuit bits, or a range of bits inside a classical variable. */
    record BitTarget(int[] clbits, Var var, int bitIndex, int count) {
        int size() { return clbits != null ? clbits.length : count; }
    }

    private BitTarget bitTarget(Expr e, Scope scope) {
        if (e instanceof Ident id) {
            Object o = scope.lookup(id.name());
            if (o instanceof CReg c) return new BitTarget(c.clbits(), null, 0, 0);
            if (o instanceof Var v && v.type.equals("bit") && !v.isConst) return new BitTarget(null, v, 0, Math.max(1, v.width));
            throw error(e.pos(), o == null ? "'" + id.name() + "' is not declared" : "'" + id.name() + "' is not a bit register");
        }
        if (e instanceof Index ix && ix.target() instanceof Ident id) {
            Object o = scope.lookup(id.name());
            if (o instanceof CReg c) return new BitTarget(select(c.clbits(), ix.index(), scope), null, 0, 0);
            if (o instanceof Var v && (v.type.equals("bit") || v.type.equals("int") || v.type.equals("uint")) && !v.isConst) {
                int[] idx = indices(ix.index(), Math.max(1, v.width == 0 ? 64 : v.width), scope);
                for (int k = 1; k < idx.length; k++) if (idx[k] != idx[0] + k) throw error(ix.pos(), "only contiguous bit slices of a variable can be measured into");
                return new BitTarget(null, v, idx.length == 0 ? 0 : idx[0], idx.length);
            }
            throw error(e.pos(), o == null ? "'" + id.name() + "' is not declared" : "'" + id.name() + "' is not a bit register");
        }
        throw error(e.pos(), "expected a bit or bit register");
    }

    // ---- classical control flow ----

    private Signal execIf(If f, Scope scope) {
        if (reading && condition == null) {
            Object[] cond = qasm2Condition(f, scope);
            if (cond != null) {
                condition = cond;
                try {
                    return execAll(f.then(), new Scope(scope, false));
                } finally {
                    condition = null;
                }
            }
        }
        boolean c = eval(f.condition(), scope).truthy();
        if (c) return execAll(f.then(), new Scope(scope, false));
        if (f.otherwise() != null) return execAll(f.otherwise(), new Scope(scope, false));
        return Signal.NORMAL;
    }

    /**
     * {@code if (c == n) body} on a whole bit register whose value a measurement decides, with
     * a body of gates and measurements only: OpenQASM 2's conditioned operations, which the
     * circuit model holds directly. Returns {register, value} or null.
     */
    private Object[] qasm2Condition(If f, Scope scope) {
        if (f.otherwise() != null || !(f.condition() instanceof Binary b) || !b.op().equals("==")) return null;
        Expr lhs = b.left() instanceof Cast c && (c.type().name().equals("int") || c.type().name().equals("uint")) ? c.operand() : b.left();
        if (!(lhs instanceof Ident id) || !(scope.lookup(id.name()) instanceof CReg reg)) return null;
        if (!(b.right() instanceof IntLit lit) || lit.value() < 0) return null;
        for (Stmt s : f.then()) if (!(s instanceof GateCall || s instanceof Measure || s instanceof Reset)) return null;
        // kept as a condition even where the bits are known, so that the circuit (and its
        // exported text) says what the program says
        for (int k = 1; k < reg.clbits().length; k++) if (reg.clbits()[k] != reg.clbits()[0] + k) return null;
        return new Object[]{reg, lit.value()};
    }

    private Signal execFor(For f, Scope scope) {
        long[] values;
        Expr it = f.iterable();
        if (it instanceof Range r) {
            if (r.start() == null || r.end() == null) throw error(r.pos(), "a for-loop range needs a start and an end");
            long start = eval(r.start(), scope).asLong();
            long stepv = r.step() == null ? 1 : eval(r.step(), scope).asLong();
            long end = eval(r.end(), scope).asLong();
            if (stepv == 0) throw error(r.pos(), "a range step cannot be 0");
            long count = Math.max(0, (end - start) / stepv + 1);
            checkLoop(count, f.pos());
            values = new long[(int) count];
            for (int k = 0; k < count; k++) values[k] = start + k * stepv;
        } else if (it instanceof SetLit s) {
            values = new long[s.items().size()];
            for (int k = 0; k < values.length; k++) values[k] = eval(s.items().get(k), scope).asLong();
        } else {
            Val v = eval(it, scope);
            int w = Math.max(1, v.width());
            values = new long[w];
            for (int k = 0; k < w; k++) values[k] = v.i() >> k & 1;
        }
        String type = f.type() == null ? "int" : f.type().name();
        int width = f.type() == null || f.type().width() == null ? 0 : size(f.type().width(), scope, "loop variable size");
        long saved = loopProduct;
        loopProduct = Math.max(1, loopProduct) * Math.max(1, values.length);
        try {
            for (long v : values) {
                Scope body = new Scope(scope, false);
                Val val = type.equals("float") ? Val.ofFloat(v) : Val.ofInt(v).convert(type, width);
                body.syms.put(f.var(), new Var(type, width, false, val));
                Signal sig = execAll(f.body(), body);
                if (sig == Signal.BREAK) break;
                if (sig == Signal.RETURN || sig == Signal.END) return sig;
            }
        } finally {
            loopProduct = saved;
        }
        return Signal.NORMAL;
    }

    /** Refuses, before running it, a loop that nested in the loops around it would pass the step limit. */
    private void checkLoop(long count, Pos p) {
        if (count > limits.maxOperations() || (double) count * loopProduct > limits.maxOperations()) {
            throw error(p, "this loop runs " + count + " times" + (loopProduct > 1 ? " inside loops of " + loopProduct + " iterations" : "")
                    + ", more than the limit of " + limits.maxOperations() + " steps; refusing to unroll it");
        }
    }

    private Signal execWhile(While w, Scope scope) {
        long iterations = 0;
        while (eval(w.condition(), scope).truthy()) {
            if (++iterations > limits.maxOperations()) throw error(w.pos(), "while loop ran more than " + limits.maxOperations() + " times");
            step(w.pos());
            Signal sig = execAll(w.body(), new Scope(scope, false));
            if (sig == Signal.BREAK) break;
            if (sig == Signal.RETURN || sig == Signal.END) return sig;
        }
        return Signal.NORMAL;
    }

    private Signal execSwitch(Switch s, Scope scope) {
        Val v = eval(s.subject(), scope);
        if (v.isFloat()) throw error(s.subject().pos(), "switch needs an integer value, not a float");
        for (Case c : s.cases()) {
            for (Expr e : c.values()) {
                if (eval(e, scope).asLong() == v.asLong()) return execAll(c.body(), new Scope(scope, false));
            }
        }
        if (s.otherwise() != null) return execAll(s.otherwise(), new Scope(scope, false));
        return Signal.NORMAL;
    }

    // ---- assignment ----

    private void assign(Assign a, Scope scope) {
        Val rhs = eval(a.value(), scope);
        Expr t = a.target();
        String name = t instanceof Ident id ? id.name() : t instanceof Index ix && ix.target() instanceof Ident id2 ? id2.name() : null;
        if (name == null) throw error(t.pos(), "cannot assign to this");
        Object o = scope.lookup(name);
        if (o == null) throw error(t.pos(), "'" + name + "' is not declared");
        if (o instanceof Var v && v.isConst) throw error(t.pos(), "'" + name + "' is a constant or an input and cannot be assigned");
        if (o instanceof CReg c) {
            int[] bits = t instanceof Index ix ? select(c.clbits(), ix.index(), scope) : c.clbits();
            Val old = a.op().equals("=") ? null : readBits(bits);
            Val nv = old == null ? rhs : Ops.binary(compound(a.op(), a.pos()), old, rhs, this, a.pos());
            writeBits(bits, nv.convert("bit", bits.length), a.pos());
            return;
        }
        if (!(o instanceof Var v)) throw error(t.pos(), "'" + name + "' cannot be assigned");
        if (t instanceof Index ix) {
            int[] idx = indices(ix.index(), v.width == 0 ? 64 : v.width, scope);
            long val = v.value.asLong();
            long bits = rhs.asLong();
            for (int k = 0; k < idx.length; k++) val = (bits >> k & 1) == 1 ? val | 1L << idx[k] : val & ~(1L << idx[k]);
            v.value = new Val(v.value.kind(), v.value.width(), val, 0).convert(v.type, v.width);
            return;
        }
        Val nv = a.op().equals("=") ? rhs : Ops.binary(compound(a.op(), a.pos()), v.value, rhs, this, a.pos());
        v.value = nv.convert(v.type, v.width);
    }

    private String compound(String op, Pos p) {
        String base = op.substring(0, op.length() - 1);
        if (base.equals("~")) throw error(p, "'~=' is not an assignment operator");
        return base;
    }

    Val readBits(int[] clbits) {
        long v = 0;
        for (int k = 0; k < clbits.length; k++) if (backend.readBit(clbits[k]) == 1) v |= 1L << k;
        return Val.ofBits(v, clbits.length);
    }

    private void writeBits(int[] clbits, Val v, Pos p) {
        if (clbits.length > 64) throw error(p, "bit registers wider than 64 cannot be assigned as a value");
        for (int k = 0; k < clbits.length; k++) backend.writeBit(clbits[k], (int) (v.i() >> k & 1));
    }

    // ---- expressions ----

    /** A value as a double (gate parameters), without boxing the common literals. */
    double evalDouble(Expr e, Scope scope) {
        if (e instanceof FloatLit f) return f.value();
        if (e instanceof IntLit i) return i.value();
        return eval(e, scope).asDouble();
    }

    Val eval(Expr e, Scope scope) {
        switch (e) {
            case IntLit x -> { return Val.ofInt(x.value()); }
            case FloatLit x -> { return Val.ofFloat(x.value()); }
            case BoolLit x -> { return Val.ofBool(x.value()); }
            case BitString x -> {
                if (x.bits().length() > 64) throw error(x.pos(), "bit strings longer than 64 are not supported as values");
                return Val.ofBits(x.bits().isEmpty() ? 0 : Long.parseUnsignedLong(x.bits(), 2), x.bits().length());
            }
            case Ident id -> {
                Object o = scope.lookup(id.name());
                if (o instanceof Var v) {
                    if (v.symbol != null) throw unboundHere(id, v);
                    return v.value;
                }
                if (o instanceof CReg c) return readBits(c.clbits());
                if (o == null && Builtins.isConstant(id.name())) return Val.ofFloat(Builtins.constant(id.name()));
                if (o instanceof QReg) throw error(id.pos(), "'" + id.name() + "' is a qubit, not a value (measure it first)");
                if (o == null) throw error(id.pos(), "'" + id.name() + "' is not declared");
                throw error(id.pos(), "'" + id.name() + "' is not a value");
            }
            case Index ix -> {
                if (ix.target() instanceof Ident id && scope.lookup(id.name()) instanceof CReg c) {
                    return readBits(select(c.clbits(), ix.index(), scope));
                }
                Val base = eval(ix.target(), scope);
                if (base.isFloat() || base.kind() == Val.Kind.BOOL) throw error(ix.pos(), "only integers and bit registers can be indexed");
                int w = base.width() == 0 ? 64 : base.width();
                int[] idx = indices(ix.index(), w, scope);
                long v = 0;
                for (int k = 0; k < idx.length; k++) if ((base.i() >> idx[k] & 1) == 1) v |= 1L << k;
                return Val.ofBits(v, Math.max(1, idx.length));
            }
            case Unary u -> { return Ops.unary(u.op(), eval(u.operand(), scope), this, u.pos()); }
            case Binary b -> {
                if (b.op().equals("&&") || b.op().equals("||")) {
                    boolean l = eval(b.left(), scope).truthy();
                    if (b.op().equals("&&") ? !l : l) return Val.ofBool(l);
                    return Val.ofBool(eval(b.right(), scope).truthy());
                }
                if (b.op().equals("/") && b.left() instanceof IntLit l && b.right() instanceof IntLit r) {
                    // a ratio written with two literals, like arccos(3 / 5), means the real number
                    return Val.ofFloat((double) l.value() / r.value());
                }
                return Ops.binary(b.op(), eval(b.left(), scope), eval(b.right(), scope), this, b.pos());
            }
            case Cast c -> {
                int w = c.type().width() == null ? 0 : size(c.type().width(), scope, "cast size");
                Val v = eval(c.operand(), scope);
                if (c.type().name().equals("bit") && w == 0) w = 1;
                return v.convert(c.type().name(), w);
            }
            case Call c -> { return call(c, scope); }
            case HwQubit h -> throw error(h.pos(), "$" + h.index() + " is a qubit, not a value");
            case MeasureExpr m -> throw error(m.pos(), "measure can only be the whole right-hand side of an assignment");
            case Range r -> throw error(r.pos(), "a range is allowed only in an index or a for loop");
            case SetLit s -> throw error(s.pos(), "a set is allowed only in an index or a for loop");
            case Concat c -> throw error(c.pos(), "'++' joins qubit registers, not values");
        }
    }

    private QasmException unboundHere(Ident id, Var v) {
        String p = v.symbol.parameters().iterator().next();
        return error(id.pos(), "input '" + p + "' has no value, but here it is needed as a classical value (a loop bound, a condition,"
                + " a size or classical arithmetic), which must be known when the file is read: give it one with --param " + p + "=VALUE");
    }

    // ---- gate angles over unbound inputs ----

    /**
     * The gate argument {@code e} as an expression over circuit parameters, or null when it
     * names no unbound input (then {@link #evalDouble} gives its number). Only arithmetic a
     * parameter expression can carry is allowed: {@code + - * / **}, negation, the functions
     * sin, cos, tan, exp, log, sqrt, arcsin, arccos, arctan and casts to float.
     */
    Expression symbolic(Expr e, Scope scope) {
        if (!hasSymbols || !mentionsSymbol(e, scope)) return null;
        return toExpression(e, scope);
    }

    private boolean mentionsSymbol(Expr e, Scope scope) {
        return switch (e) {
            case Ident id -> scope.lookup(id.name()) instanceof Var v && v.symbol != null;
            case Unary u -> mentionsSymbol(u.operand(), scope);
            case Binary b -> mentionsSymbol(b.left(), scope) || mentionsSymbol(b.right(), scope);
            case Call c -> c.args().stream().anyMatch(a -> mentionsSymbol(a, scope));
            case Cast c -> mentionsSymbol(c.operand(), scope);
            case Index ix -> mentionsSymbol(ix.target(), scope) || mentionsSymbol(ix.index(), scope);
            default -> false;
        };
    }

    private Expression toExpression(Expr e, Scope scope) {
        if (!mentionsSymbol(e, scope)) return Expression.constant(eval(e, scope).asDouble());
        switch (e) {
            case Ident id -> { return ((Var) scope.lookup(id.name())).symbol; }
            case Unary u when u.op().equals("-") -> { return toExpression(u.operand(), scope).negate(); }
            case Unary u when u.op().equals("+") -> { return toExpression(u.operand(), scope); }
            case Binary b when ARITHMETIC.containsKey(b.op()) -> {
                Expression l = toExpression(b.left(), scope), r = toExpression(b.right(), scope);
                return switch (b.op()) {
                    case "+" -> l.plus(r);
                    case "-" -> l.minus(r);
                    case "*" -> l.times(r);
                    case "/" -> l.dividedBy(r);
                    default -> l.power(r);
                };
            }
            case Call c when c.args().size() == 1 && FUNCTIONS.containsKey(c.name()) && !(scope.lookup(c.name()) instanceof Def) -> {
                return toExpression(c.args().get(0), scope).apply(FUNCTIONS.get(c.name()));
            }
            case Cast c when c.type().name().equals("float") -> { return toExpression(c.operand(), scope); }
            default -> {
                throw error(e.pos(), "this expression cannot be kept symbolic (only + - * / **, negation, casts to float and"
                        + " sin cos tan exp log sqrt arcsin arccos arctan are): give " + firstSymbol(e, scope) + " a value with --param");
            }
        }
    }

    private String firstSymbol(Expr e, Scope scope) {
        return switch (e) {
            case Ident id when scope.lookup(id.name()) instanceof Var v && v.symbol != null -> "input " + v.symbol.parameters().iterator().next();
            case Unary u -> firstSymbol(u.operand(), scope);
            case Binary b -> mentionsSymbol(b.left(), scope) ? firstSymbol(b.left(), scope) : firstSymbol(b.right(), scope);
            case Call c -> c.args().stream().filter(a -> mentionsSymbol(a, scope)).findFirst().map(a -> firstSymbol(a, scope)).orElse("its inputs");
            case Cast c -> firstSymbol(c.operand(), scope);
            case Index ix -> mentionsSymbol(ix.target(), scope) ? firstSymbol(ix.target(), scope) : firstSymbol(ix.index(), scope);
            default -> "its inputs";
        };
    }

    private static final Map<String, Boolean> ARITHMETIC = Map.of("+", true, "-", true, "*", true, "/", true, "**", true);

    private static final Map<String, Expression.Function> FUNCTIONS = Map.of(
            "sin", Expression.Function.SIN, "cos", Expression.Function.COS, "tan", Expression.Function.TAN,
            "exp", Expression.Function.EXP, "log", Expression.Function.LN, "sqrt", Expression.Function.SQRT,
            "arcsin", Expression.Function.ASIN, "arccos", Expression.Function.ACOS, "arctan", Expression.Function.ATAN);

    private Val call(Call c, Scope scope) {
        Object o = scope.lookup(c.name());
        if (o instanceof Def d) return callDef(d, c, scope);
        if (o instanceof GateDef) throw error(c.pos(), "'" + c.name() + "' is a gate: apply it to qubits");
        if (!Builtins.isFunction(c.name())) throw error(c.pos(), "unknown function '" + c.name() + "'");
        List<Val> args = new ArrayList<>();
        for (Expr a : c.args()) {
            if (a instanceof MeasureExpr) throw error(a.pos(), "measure can only be the whole right-hand side of an assignment");
            args.add(eval(a, scope));
        }
        return Builtins.call(c.name(), args, this, c.pos());
    }

    private Val callDef(Def d, Call c, Scope scope) {
        if (c.args().size() != d.params().size()) {
            throw error(c.pos(), "subroutine " + d.name() + " takes " + d.params().size() + " argument(s), got " + c.args().size());
        }
        if (callDepth >= limits.maxNesting()) throw error(c.pos(), "subroutine calls nest more than " + limits.maxNesting() + " deep");
        Scope s = new Scope(globals, true);
        for (int k = 0; k < d.params().size(); k++) {
            Param p = d.params().get(k);
            Expr a = c.args().get(k);
            if (p.qubit()) {
                int[] qs = qubits(a, scope);
                if (p.size() != null && size(p.size(), globals, "qubit parameter size") != qs.length) {
                    throw error(a.pos(), "subroutine " + d.name() + " expects " + p.name() + " of " + size(p.size(), globals, "size") + " qubit(s), got " + qs.length);
                }
                if (p.size() == null && qs.length != 1) throw error(a.pos(), "subroutine " + d.name() + " expects one qubit for " + p.name());
                s.syms.put(p.name(), new QReg(qs));
            } else {
                int w = p.type().width() == null ? (p.type().name().equals("bit") ? 1 : 0) : size(p.type().width(), globals, "parameter size");
                Val v = a instanceof MeasureExpr m ? measureValue(m, scope) : eval(a, scope);
                s.syms.put(p.name(), new Var(p.type().name(), w, false, v.convert(p.type().name(), w)));
            }
        }
        callDepth++;
        try {
            returned = null;
            Signal sig = execAll(d.body(), s);
            if (sig == Signal.END) throw new EndProgram();
            Val r = returned;
            returned = null;
            if (d.returns() != null) {
                if (r == null) throw error(c.pos(), "subroutine " + d.name() + " ended without returning a value");
                int w = d.returns().width() == null ? (d.returns().name().equals("bit") ? 1 : 0) : size(d.returns().width(), globals, "return size");
                return r.convert(d.returns().name(), w);
            }
            return Val.ofInt(0);
        } finally {
            callDepth--;
        }
    }

    /** An operation limit passed while recording; the reader turns it into a positioned error. */
    static final class LimitReached extends RuntimeException {
        LimitReached(String msg) { super(msg, null, false, false); }
    }

    /** {@code end;} inside a subroutine: stops the whole program. */
    static final class EndProgram extends RuntimeException {
        EndProgram() { super(null, null, false, false); }
    }
}
