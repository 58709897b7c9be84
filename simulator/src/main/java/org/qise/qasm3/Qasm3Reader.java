package org.qise.qasm3;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.qasm.ParseLimits;
import org.qise.qasm.QasmException;
import org.qise.qasm3.Ast.*;

/**
 * Reads OpenQASM 3 into a {@link Circuit}.
 *
 * <p>The program is run once while it is read: loops over known values unroll, user gates and
 * modifiers become library gates or unitaries, and {@code if (c == n)} on a measured register
 * becomes a conditioned operation as in OpenQASM 2. From the first top-level statement whose
 * effect depends on a measurement outcome (an {@code if} on a bit, a {@code while} on a
 * measured flag, a classical value computed from bits), the rest of the program is kept as one
 * {@link Operation.Dynamic} block that runs shot by shot. Inputs ({@code input float[64] x;})
 * take their values from the map given here; a {@code float} or {@code angle} input left out
 * becomes a circuit parameter ({@link Circuit#parameters()}) that gate angles carry as
 * expressions, to be bound later ({@link Circuit#bind}).
 */
public final class Qasm3Reader {
    private Qasm3Reader() {}

    /** Whether the source declares OpenQASM 3 in its header ({@code OPENQASM 3;}, {@code 3.0}, {@code 3.1}, …). */
    public static boolean isQasm3(String source) {
        int i = 0, n = source.length();
        while (i < n) { // skip whitespace and comments before the header
            char c = source.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) return false;
                i = end + 2;
            } else {
                break;
            }
        }
        if (!source.startsWith("OPENQASM", i)) return false;
        i += "OPENQASM".length();
        while (i < n && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) i++;
        return i < n && source.charAt(i) == '3' && (i + 1 >= n || !Character.isDigit(source.charAt(i + 1)));
    }

    public static Circuit parse(String source, String fileName) {
        return parse(source, fileName, ParseLimits.DEFAULT, Map.of());
    }

    /**
     * Parses OpenQASM 3 source.
     *
     * @param inputs values for the program's {@code input} declarations, by name
     * @throws QasmException with file:line:column on any error, "not supported: …" for deferred features
     */
    public static Circuit parse(String source, String fileName, ParseLimits limits, Map<String, Double> inputs) {
        return read(source, fileName, limits, inputs).circuit();
    }

    /**
     * A circuit and what the reader wants its user to know about how it was read: timing
     * instructions ({@code delay}, {@code box}, {@code stretch}) that this ideal simulator treats
     * as the identity.
     */
    public record Reading(Circuit circuit, List<String> notes, Map<String, String> unboundInputs) {
        public Reading(Circuit circuit, List<String> notes) { this(circuit, notes, Map.of()); }

        /**
         * The inputs given no value, which are the circuit's parameters, each with where it is
         * declared ({@code file:line:column}), so that a command that needs every value can say where.
         */
        public Map<String, String> unboundInputs() { return unboundInputs; }
    }

    /** Parses OpenQASM 3 source, with notes; see {@link #parse(String, String, ParseLimits, Map)}. */
    public static Reading read(String source, String fileName, ParseLimits limits, Map<String, Double> inputs) {
        Objects.requireNonNull(source, "source");
        String file = fileName == null ? "<input>" : fileName;
        Lexer3 lexer = new Lexer3(source, file);
        boolean qelib1 = false; // OpenQASM 3 programs see stdgates only
        Parser3 parser = new Parser3(lexer, file, limits.maxNesting());
        Map<String, Pos> timing = new java.util.LinkedHashMap<>();
        Map<String, Pos> declaredInputs = new java.util.LinkedHashMap<>();
        Circuit circuit = read(parser, file, limits, inputs, qelib1, st -> {
            if (st instanceof VarDecl d && "input".equals(d.io())) declaredInputs.putIfAbsent(d.name(), d.pos());
            else if (lexer.sawTiming()) collectTiming(st, timing);
        });
        for (String name : inputs.keySet()) {
            if (!declaredInputs.containsKey(name)) throw new QasmException(file, 1, 1, "--param " + name + " names no input of the program");
        }
        List<String> notes = new ArrayList<>();
        timing.forEach((what, p) -> notes.add("'" + what + "' (first at line " + p.line() + ") is treated as the identity: this simulator is ideal and has no timing"));
        Map<String, String> unbound = new java.util.LinkedHashMap<>();
        for (String name : circuit.parameters()) {
            Pos d = declaredInputs.get(name);
            if (d != null) unbound.put(name, file + ":" + d.line() + ":" + d.column());
        }
        return new Reading(circuit, List.copyOf(notes), java.util.Collections.unmodifiableMap(unbound));
    }

    private static void collectTiming(Object node, Map<String, Pos> out) {
        switch (node) {
            case Timing t -> {
                out.putIfAbsent(t.what(), t.pos());
                collectTiming(t.body(), out);
            }
            case List<?> l -> { for (Object o : l) collectTiming(o, out); }
            case If f -> { collectTiming(f.then(), out); if (f.otherwise() != null) collectTiming(f.otherwise(), out); }
            case For f -> collectTiming(f.body(), out);
            case While w -> collectTiming(w.body(), out);
            case Switch s -> { for (Case c : s.cases()) collectTiming(c.body(), out); if (s.otherwise() != null) collectTiming(s.otherwise(), out); }
            case Def d -> collectTiming(d.body(), out);
            case Block b -> collectTiming(b.body(), out);
            default -> { }
        }
    }

    /**
     * Runs the program a batch of statements at a time as the parser hands them over, so that a
     * long program's syntax tree is garbage soon after each statement has run; {@code seen} is
     * shown every top-level statement, the ones after an early end included.
     */
    private static final int STATEMENT_BATCH = 256;

    private static Circuit read(Parser3 parser, String file, ParseLimits limits, Map<String, Double> inputs, boolean qelib1,
                                java.util.function.Consumer<Stmt> seen) {
        CircuitBuilder builder = Circuit.builder();
        ReadingBackend rb = new ReadingBackend(builder, 16);
        Map<Stmt, Object> allocated = new IdentityHashMap<>();
        Interpreter in = new Interpreter(file, limits, inputs, qelib1, true, allocated);
        in.globals = new Interpreter.Scope(null, false);
        in.backend = rb;
        in.allocator = rb;
        rb.in = in;
        Qasm3Block dynamic = null;
        Stmt st = null;
        // statements are parsed a batch at a time and then run: parsing and running in
        // alternation, one statement each, kept neither loop hot and read markedly slower
        java.util.ArrayDeque<Stmt> pending = new java.util.ArrayDeque<>();
        try {
            while (true) {
                if (pending.isEmpty()) {
                    for (Stmt s = parser.next(); s != null; s = pending.size() < STATEMENT_BATCH ? parser.next() : null) {
                        seen.accept(s);
                        pending.add(s);
                    }
                }
                st = pending.poll();
                if (st == null) break;
                // statements that never read a classical value after a side effect need no snapshot
                boolean simple = st instanceof GateCall || st instanceof Barrier || st instanceof Reset
                        || st instanceof QubitDecl || st instanceof GateDef || st instanceof Def || st instanceof Let;
                Interpreter.Scope saved = simple ? null : in.globals.copyGlobals();
                int[] bits = simple ? null : rb.bits.clone();
                int mark = rb.ops.size();
                try {
                    Interpreter.Signal sig = in.exec(st, in.globals);
                    if (sig == Interpreter.Signal.END) break;
                    if (sig != Interpreter.Signal.NORMAL) throw in.error(st.pos(), sig.name().toLowerCase() + " outside a loop");
                } catch (Interpreter.NeedsDynamic needs) {
                    if (simple) throw in.error(st.pos(), "this statement needs a value known only at run time");
                    rb.ops.subList(mark, rb.ops.size()).clear();
                    in.globals = saved;
                    rb.bits = bits;
                    List<Stmt> rest = new ArrayList<>();
                    rest.add(st);
                    rest.addAll(pending);
                    for (Stmt more = parser.next(); more != null; more = parser.next()) {
                        seen.accept(more);
                        rest.add(more);
                    }
                    if (in.hasSymbols) refuseSymbolsIn(rest, in, st.pos());
                    preallocate(rest, in);
                    dynamic = new Qasm3Block(rest, in.globals.copyGlobals(), allocated, in.physical, file, limits, qelib1, inputs);
                    break;
                } catch (Interpreter.EndProgram end) {
                    break;
                }
            }
        } catch (Interpreter.LimitReached e) {
            Pos p = st == null ? new Pos(1, 1) : st.pos();
            throw new QasmException(file, p.line(), p.column(), e.getMessage() + "; refusing to go on");
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            Pos p = st == null ? new Pos(1, 1) : st.pos();
            throw new QasmException(file, p.line(), p.column(), e.getMessage());
        }
        if (dynamic == null && st != null) { // ended early: the rest is still read, so that its mistakes are reported
            for (Stmt more = parser.next(); more != null; more = parser.next()) seen.accept(more);
        }
        for (Operation op : rb.ops) builder.add(op);
        if (dynamic != null) {
            int[] all = new int[builder.numQubits()];
            for (int q = 0; q < all.length; q++) all[q] = q;
            builder.add(new Operation.Dynamic(dynamic, all));
        }
        return builder.build();
    }

    /**
     * The part of a program that runs shot by shot is interpreted again for every shot, with
     * numbers: an input it uses must have its value when the file is read.
     */
    private static void refuseSymbolsIn(List<Stmt> rest, Interpreter in, Pos from) {
        List<Ident> names = new ArrayList<>();
        GateApplier.collectIdents(rest, names);
        for (Ident id : names) {
            if (in.globals.syms.get(id.name()) instanceof Interpreter.Var v && v.symbol != null) {
                throw in.error(id.pos(), "input '" + id.name() + "' has no value, but it is used after line " + from.line()
                        + ", where the program starts to depend on measurement outcomes and runs shot by shot:"
                        + " give it a value when the file is read, with --param " + id.name() + "=VALUE");
            }
        }
    }

    /**
     * Allocates the registers that the dynamic rest declares at the top level, and the physical
     * qubits it names, so that the circuit has all its qubits and bits before it runs.
     */
    private static void preallocate(List<Stmt> rest, Interpreter in) {
        for (Stmt s : rest) {
            Stmt d = s instanceof Block b && b.body().size() == 2 && b.body().get(1) instanceof Measure ? b.body().get(0) : s;
            if (d instanceof QubitDecl q && !in.allocated.containsKey(q)) {
                int size = q.size() == null ? 1 : in.size(q.size(), in.globals, "register size");
                in.allocated.put(q, in.allocator.qubits(q.name(), size, q.pos()));
            } else if (d instanceof VarDecl v && v.type().name().equals("bit") && !in.allocated.containsKey(v)) {
                int size = v.type().width() == null ? 1 : in.size(v.type().width(), in.globals, "register size");
                in.allocated.put(v, in.allocator.clbits(v.name(), size, v.pos()));
            }
        }
        List<HwQubit> hw = new ArrayList<>();
        collectPhysical(rest, hw);
        for (HwQubit h : hw) in.qubits(h, in.globals);
    }

    private static void collectPhysical(Object node, List<HwQubit> out) {
        switch (node) {
            case HwQubit h -> out.add(h);
            case List<?> l -> { for (Object o : l) collectPhysical(o, out); }
            case Record r -> {
                for (var c : r.getClass().getRecordComponents()) {
                    try {
                        Object v = c.getAccessor().invoke(r);
                        if (v instanceof Record || v instanceof List<?>) collectPhysical(v, out);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            default -> { }
        }
    }
}
