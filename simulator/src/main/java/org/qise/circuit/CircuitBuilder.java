package org.qise.circuit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.qise.param.Expression;

/**
 * Builds a {@link Circuit} step by step. Qubit and bit arguments are flat indices (see
 * {@link Circuit}); every method returns this builder, so calls chain:
 *
 * <pre>{@code
 * Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
 * }</pre>
 */
public final class CircuitBuilder {
    private final List<Register> qregs = new ArrayList<>();
    private final List<Register> cregs = new ArrayList<>();
    private final List<Operation> ops = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int qubits;
    private int clbits;
    private Condition condition;

    CircuitBuilder() {}

    CircuitBuilder(Circuit from) {
        for (Register r : from.qregs()) qreg(r.name(), r.size());
        for (Register r : from.cregs()) creg(r.name(), r.size());
        ops.addAll(from.operations());
    }

    // ---- registers ----

    /** Declares a quantum register; its qubits follow those declared before it. */
    public CircuitBuilder qreg(String name, int size) {
        claim(name);
        qregs.add(new Register(Register.Kind.QUANTUM, name, qubits, size));
        qubits += size;
        return this;
    }

    /** Declares a classical register; its bits follow those declared before it. */
    public CircuitBuilder creg(String name, int size) {
        claim(name);
        cregs.add(new Register(Register.Kind.CLASSICAL, name, clbits, size));
        clbits += size;
        return this;
    }

    private void claim(String name) {
        if (!names.add(name)) throw new IllegalArgumentException("register " + name + " is already declared");
    }

    /** The classical register with this name. */
    public Register creg(String name) {
        return cregs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no classical register named " + name));
    }

    public int numQubits() { return qubits; }

    public int numClbits() { return clbits; }

    // ---- generic operations ----

    /** Applies {@code gate} to the given qubits (controls first). */
    public CircuitBuilder gate(Gate gate, int... targets) {
        for (int q : targets) checkQubit(q);
        return add(new Operation.GateOp(gate, targets, condition));
    }

    /** Applies an arbitrary unitary (qubit j of the matrix is {@code targets[j]}). */
    public CircuitBuilder unitary(Matrix matrix, int... targets) {
        return gate(Gates.unitary(matrix), targets);
    }

    /** Applies {@code gate} controlled on all of {@code controls} being 1. */
    public CircuitBuilder controlled(Gate gate, int[] controls, int... targets) {
        int[] all = new int[controls.length + targets.length];
        System.arraycopy(controls, 0, all, 0, controls.length);
        System.arraycopy(targets, 0, all, controls.length, targets.length);
        return gate(gate.controlled(controls.length), all);
    }

    /** Applies a noise channel (qubit j of the channel is {@code targets[j]}); see {@code org.qise.noise}. */
    public CircuitBuilder channel(org.qise.noise.Channel channel, int... targets) {
        for (int q : targets) checkQubit(q);
        return add(new Operation.ChannelOp(channel, targets, condition));
    }

    public CircuitBuilder measure(int qubit, int clbit) {
        checkQubit(qubit);
        if (clbit < 0 || clbit >= clbits) {
            throw new IndexOutOfBoundsException("classical bit " + clbit + " out of range (circuit has " + clbits + ")");
        }
        return add(new Operation.Measure(qubit, clbit, condition));
    }

    /** Measures qubit i into classical bit i for every qubit (needs as many bits as qubits). */
    public CircuitBuilder measureAll() {
        for (int q = 0; q < qubits; q++) measure(q, q);
        return this;
    }

    public CircuitBuilder reset(int qubit) {
        checkQubit(qubit);
        return add(new Operation.Reset(qubit, condition));
    }

    /** A barrier across the given qubits, or all qubits when none are given. */
    public CircuitBuilder barrier(int... qs) {
        if (qs.length == 0) {
            qs = new int[qubits];
            for (int q = 0; q < qubits; q++) qs[q] = q;
        }
        for (int q : qs) checkQubit(q);
        ops.add(new Operation.Barrier(qs));
        return this;
    }

    /**
     * Adds the operations that {@code body} builds under the condition {@code creg == value},
     * as OpenQASM's {@code if (creg == value) …} does for each of them.
     */
    public CircuitBuilder ifEquals(String creg, long value, Consumer<CircuitBuilder> body) {
        if (condition != null) throw new IllegalStateException("conditions do not nest in OpenQASM 2");
        condition = new Condition(creg(creg), value);
        try {
            body.accept(this);
        } finally {
            condition = null;
        }
        return this;
    }

    /** Adds an operation as it is (its condition included). */
    public CircuitBuilder add(Operation op) {
        for (int q : op.qubits()) checkQubit(q);
        ops.add(op);
        return this;
    }

    /** Appends every operation of {@code other}, which must fit this circuit's registers. */
    public CircuitBuilder append(Circuit other) {
        for (Operation op : other.operations()) add(op);
        return this;
    }

    private void checkQubit(int q) {
        if (q < 0 || q >= qubits) {
            throw new IndexOutOfBoundsException("qubit " + q + " out of range (circuit has " + qubits + ")");
        }
    }

    public Circuit build() {
        return new Circuit(qregs, cregs, ops);
    }

    // ---- the gate library, one method per qelib1 gate ----

    public CircuitBuilder id(int q) { return gate(Gates.id(), q); }
    public CircuitBuilder x(int q) { return gate(Gates.x(), q); }
    public CircuitBuilder y(int q) { return gate(Gates.y(), q); }
    public CircuitBuilder z(int q) { return gate(Gates.z(), q); }
    public CircuitBuilder h(int q) { return gate(Gates.h(), q); }
    public CircuitBuilder s(int q) { return gate(Gates.s(), q); }
    public CircuitBuilder sdg(int q) { return gate(Gates.sdg(), q); }
    public CircuitBuilder t(int q) { return gate(Gates.t(), q); }
    public CircuitBuilder tdg(int q) { return gate(Gates.tdg(), q); }
    public CircuitBuilder sx(int q) { return gate(Gates.sx(), q); }
    public CircuitBuilder sxdg(int q) { return gate(Gates.sxdg(), q); }
    public CircuitBuilder rx(double theta, int q) { return gate(Gates.rx(theta), q); }
    public CircuitBuilder ry(double theta, int q) { return gate(Gates.ry(theta), q); }
    public CircuitBuilder rz(double theta, int q) { return gate(Gates.rz(theta), q); }
    public CircuitBuilder p(double lambda, int q) { return gate(Gates.p(lambda), q); }
    public CircuitBuilder u1(double lambda, int q) { return gate(Gates.u1(lambda), q); }
    public CircuitBuilder u2(double phi, double lambda, int q) { return gate(Gates.u2(phi, lambda), q); }
    public CircuitBuilder u3(double theta, double phi, double lambda, int q) { return gate(Gates.u3(theta, phi, lambda), q); }
    public CircuitBuilder u(double theta, double phi, double lambda, int q) { return gate(Gates.u(theta, phi, lambda), q); }
    public CircuitBuilder cx(int control, int target) { return gate(Gates.cx(), control, target); }
    public CircuitBuilder cy(int control, int target) { return gate(Gates.cy(), control, target); }
    public CircuitBuilder cz(int control, int target) { return gate(Gates.cz(), control, target); }
    public CircuitBuilder ch(int control, int target) { return gate(Gates.ch(), control, target); }
    public CircuitBuilder csx(int control, int target) { return gate(Gates.csx(), control, target); }
    public CircuitBuilder swap(int a, int b) { return gate(Gates.swap(), a, b); }
    public CircuitBuilder ccx(int c1, int c2, int target) { return gate(Gates.ccx(), c1, c2, target); }
    public CircuitBuilder cswap(int control, int a, int b) { return gate(Gates.cswap(), control, a, b); }
    public CircuitBuilder crx(double theta, int control, int target) { return gate(Gates.crx(theta), control, target); }
    public CircuitBuilder cry(double theta, int control, int target) { return gate(Gates.cry(theta), control, target); }
    public CircuitBuilder crz(double theta, int control, int target) { return gate(Gates.crz(theta), control, target); }
    public CircuitBuilder cp(double lambda, int control, int target) { return gate(Gates.cp(lambda), control, target); }
    public CircuitBuilder cu1(double lambda, int control, int target) { return gate(Gates.cu1(lambda), control, target); }
    public CircuitBuilder cu3(double theta, double phi, double lambda, int control, int target) {
        return gate(Gates.cu3(theta, phi, lambda), control, target);
    }
    public CircuitBuilder cu(double theta, double phi, double lambda, double gamma, int control, int target) {
        return gate(Gates.cu(theta, phi, lambda, gamma), control, target);
    }
    public CircuitBuilder rxx(double theta, int a, int b) { return gate(Gates.rxx(theta), a, b); }
    public CircuitBuilder rzz(double theta, int a, int b) { return gate(Gates.rzz(theta), a, b); }
    public CircuitBuilder rccx(int a, int b, int c) { return gate(Gates.rccx(), a, b, c); }
    public CircuitBuilder rc3x(int a, int b, int c, int d) { return gate(Gates.rc3x(), a, b, c, d); }
    public CircuitBuilder c3x(int a, int b, int c, int target) { return gate(Gates.c3x(), a, b, c, target); }
    public CircuitBuilder c3sqrtx(int a, int b, int c, int target) { return gate(Gates.c3sqrtx(), a, b, c, target); }
    public CircuitBuilder c4x(int a, int b, int c, int d, int target) { return gate(Gates.c4x(), a, b, c, d, target); }

    /** X controlled by any number of qubits (cx, ccx, c3x, c4x names where they exist). */
    public CircuitBuilder mcx(int[] controls, int target) { return controlled(Gates.x(), controls, target); }

    // ---- parametric gates: angles that name circuit parameters (see org.qise.param.Param) ----

    /** A library gate by name with angles that may name parameters, e.g. {@code gate("cu3", new Expression[]{…}, 0, 1)}. */
    public CircuitBuilder gate(String name, Expression[] angles, int... qubits) { return gate(Gates.parametric(name, angles), qubits); }

    public CircuitBuilder rx(Expression theta, int q) { return gate("rx", new Expression[]{theta}, q); }
    public CircuitBuilder ry(Expression theta, int q) { return gate("ry", new Expression[]{theta}, q); }
    public CircuitBuilder rz(Expression theta, int q) { return gate("rz", new Expression[]{theta}, q); }
    public CircuitBuilder p(Expression lambda, int q) { return gate("p", new Expression[]{lambda}, q); }
    public CircuitBuilder u1(Expression lambda, int q) { return gate("u1", new Expression[]{lambda}, q); }
    public CircuitBuilder u2(Expression phi, Expression lambda, int q) { return gate("u2", new Expression[]{phi, lambda}, q); }
    public CircuitBuilder u3(Expression theta, Expression phi, Expression lambda, int q) { return gate("u3", new Expression[]{theta, phi, lambda}, q); }
    public CircuitBuilder u(Expression theta, Expression phi, Expression lambda, int q) { return gate("u", new Expression[]{theta, phi, lambda}, q); }
    public CircuitBuilder crx(Expression theta, int control, int target) { return gate("crx", new Expression[]{theta}, control, target); }
    public CircuitBuilder cry(Expression theta, int control, int target) { return gate("cry", new Expression[]{theta}, control, target); }
    public CircuitBuilder crz(Expression theta, int control, int target) { return gate("crz", new Expression[]{theta}, control, target); }
    public CircuitBuilder cp(Expression lambda, int control, int target) { return gate("cp", new Expression[]{lambda}, control, target); }
    public CircuitBuilder cu1(Expression lambda, int control, int target) { return gate("cu1", new Expression[]{lambda}, control, target); }
    public CircuitBuilder cu3(Expression theta, Expression phi, Expression lambda, int control, int target) {
        return gate("cu3", new Expression[]{theta, phi, lambda}, control, target);
    }
    public CircuitBuilder cu(Expression theta, Expression phi, Expression lambda, Expression gamma, int control, int target) {
        return gate("cu", new Expression[]{theta, phi, lambda, gamma}, control, target);
    }
    public CircuitBuilder rxx(Expression theta, int a, int b) { return gate("rxx", new Expression[]{theta}, a, b); }
    public CircuitBuilder rzz(Expression theta, int a, int b) { return gate("rzz", new Expression[]{theta}, a, b); }
}
