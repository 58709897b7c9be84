package org.qise.qasm3;

import java.util.List;
import java.util.Map;
import org.qise.circuit.DynamicBlock;
import org.qise.qasm.ParseLimits;
import org.qise.qasm3.Ast.Stmt;

/**
 * The dynamic rest of an OpenQASM 3 program: the statements from the first one whose effect
 * depends on a measurement, with the names and values known at that point. Each shot runs them
 * with the {@link Interpreter} on its own state. Two blocks are equal when their canonical
 * text (what {@link Qasm3Exporter} writes for them) is equal.
 */
final class Qasm3Block implements DynamicBlock {
    final List<Stmt> statements;
    final Interpreter.Scope globals;
    final Map<Stmt, Object> allocated;
    final Map<Integer, int[]> physical;
    final String file;
    final ParseLimits limits;
    final boolean qelib1;
    final Map<String, Double> inputs;
    // shared by the shots; concurrent in case shots ever run in parallel
    private final Map<List<Object>, Object> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private String text;

    Qasm3Block(List<Stmt> statements, Interpreter.Scope globals, Map<Stmt, Object> allocated, Map<Integer, int[]> physical,
               String file, ParseLimits limits, boolean qelib1, Map<String, Double> inputs) {
        this.statements = List.copyOf(statements);
        this.globals = globals;
        this.allocated = allocated;
        this.physical = physical;
        this.file = file;
        this.limits = limits;
        this.qelib1 = qelib1;
        this.inputs = Map.copyOf(inputs);
    }

    @Override
    public void run(ShotContext shot) {
        Interpreter in = new Interpreter(file, limits, inputs, qelib1, false, allocated);
        in.globals = globals.copyGlobals();
        in.physical = physical;
        in.modifiedCache = cache;
        in.backend = new ShotBackend(shot);
        try {
            in.execAll(statements, in.globals);
        } catch (Interpreter.EndProgram end) {
            // end; stops the shot
        }
    }

    /** The block as OpenQASM 3 text: its variables, gates and subroutines, then its statements. */
    String text() {
        if (text == null) text = Printer.block(this);
        return text;
    }

    @Override
    public String summary() {
        return statements.size() + " statement(s) from line " + statements.get(0).pos().line();
    }

    @Override
    public boolean equals(Object o) { return o instanceof Qasm3Block b && b.text().equals(text()); }

    @Override
    public int hashCode() { return text().hashCode(); }
}
