package org.qise.strange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.redfx.strange.Block;
import org.redfx.strange.BlockGate;
import org.redfx.strange.Complex;
import org.redfx.strange.ControlledBlockGate;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Add;
import org.redfx.strange.gate.AddInteger;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.InvFourier;
import org.redfx.strange.gate.Oracle;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;

/**
 * Random Strange programs, one gate per step, together with the same program written
 * independently with {@link CircuitBuilder}: each Strange gate is paired with the reference
 * gates that mean the same thing (from its documented meaning, not from the converter).
 */
final class RandomPrograms {
    private RandomPrograms() {}

    /** A gate kind; those Strange's own simulator gets wrong in some cases say so. */
    enum Kind {
        X, Y, Z, HADAMARD, IDENTITY, R_ANGLE, R_POWER, ROTATION_X, ROTATION_Y, ROTATION_Z, MATRIX,
        CNOT, CZ, SWAP, CR_ANGLE, CR_POWER, TOFFOLI, ORACLE, FOURIER, INV_FOURIER,
        BLOCK, INVERTED_BLOCK, CONTROLLED_BLOCK, ADD, ADD_INTEGER
    }

    /** One Strange gate and the reference gates that do the same. */
    record Pick(Kind kind, Gate gate, Consumer<CircuitBuilder> reference, boolean strangeAgrees) {}

    /** A program, its reference circuit, and whether Strange's simulator is expected to be right. */
    record Case(Program program, Circuit reference, List<Pick> picks) {
        boolean strangeAgrees() { return picks.stream().allMatch(Pick::strangeAgrees); }
    }

    static Case randomCase(long seed, int n, int steps) {
        return randomCase(seed, n, steps, Kind.values());
    }

    static Case randomCase(long seed, int n, int steps, Kind[] kinds) {
        Random rnd = new Random(seed);
        Program p = new Program(n);
        CircuitBuilder ref = Circuit.builder(n);
        // A layer of rotations so that the gates act on a generic state, not only on |0000>.
        Step ry = new Step(), rx = new Step();
        double[] a = new double[n], b = new double[n];
        for (int q = 0; q < n; q++) {
            a[q] = angle(rnd);
            b[q] = angle(rnd);
            ry.addGate(new RotationY(a[q], q));
            rx.addGate(new RotationX(b[q], q));
        }
        p.addStep(ry);
        p.addStep(rx);
        for (int q = 0; q < n; q++) ref.ry(a[q], q);
        for (int q = 0; q < n; q++) ref.rx(b[q], q);
        List<Pick> picks = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            Pick pick = pick(kinds[rnd.nextInt(kinds.length)], rnd, n);
            p.addStep(new Step(pick.gate()));
            pick.reference().accept(ref);
            picks.add(pick);
        }
        return new Case(p, ref.build(), picks);
    }

    static double angle(Random rnd) { return (rnd.nextDouble() * 4 - 2) * Math.PI; }

    /** k distinct qubits out of n, in random order. */
    static int[] distinct(Random rnd, int n, int k) {
        List<Integer> all = new ArrayList<>();
        for (int q = 0; q < n; q++) all.add(q);
        java.util.Collections.shuffle(all, rnd);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = all.get(i);
        return out;
    }

    static Pick pick(Kind kind, Random rnd, int n) {
        int[] q = distinct(rnd, n, 3);
        return switch (kind) {
            case X -> new Pick(kind, new X(q[0]), b -> b.x(q[0]), true);
            case Y -> new Pick(kind, new Y(q[0]), b -> b.y(q[0]), true);
            case Z -> new Pick(kind, new Z(q[0]), b -> b.z(q[0]), true);
            case HADAMARD -> new Pick(kind, new Hadamard(q[0]), b -> b.h(q[0]), true);
            case IDENTITY -> new Pick(kind, new Identity(q[0]), b -> b.id(q[0]), true);
            case R_ANGLE -> {
                double phi = angle(rnd);
                yield new Pick(kind, new R(phi, q[0]), b -> b.p(phi, q[0]), true);
            }
            case R_POWER -> {
                int pow = 1 + rnd.nextInt(6);
                yield new Pick(kind, new R(2, pow, q[0]), b -> b.p(2 * Math.PI / (1 << pow), q[0]), true);
            }
            case ROTATION_X -> {
                double t = angle(rnd);
                yield new Pick(kind, new RotationX(t, q[0]), b -> b.rx(t, q[0]), true);
            }
            case ROTATION_Y -> {
                double t = angle(rnd);
                yield new Pick(kind, new RotationY(t, q[0]), b -> b.ry(t, q[0]), true);
            }
            // Strange's RotationZ only changes the global phase (see StrangeDifferencesTest).
            case ROTATION_Z -> {
                double t = angle(rnd);
                yield new Pick(kind, new RotationZ(t, q[0]), b -> b.rz(t, q[0]), false);
            }
            case MATRIX -> matrixGate(rnd, q[0]);
            case CNOT -> new Pick(kind, new Cnot(q[0], q[1]), b -> b.cx(q[0], q[1]), true);
            case CZ -> new Pick(kind, new Cz(q[0], q[1]), b -> b.cz(q[0], q[1]), true);
            case SWAP -> new Pick(kind, new Swap(q[0], q[1]), b -> b.swap(q[0], q[1]), true);
            case CR_ANGLE -> {
                // Cr keeps its angle only as a float: use angles 2π·m/16, which the bridge recovers exactly.
                double t = 2 * Math.PI * (rnd.nextInt(33) - 16) / 16;
                yield new Pick(kind, new Cr(q[0], q[1], t), b -> b.cp(t, q[0], q[1]), true);
            }
            case CR_POWER -> {
                int pow = 1 + rnd.nextInt(6);
                yield new Pick(kind, new Cr(q[0], q[1], 2, pow), b -> b.cp(2 * Math.PI / (1 << pow), q[0], q[1]), true);
            }
            // Strange applies some Toffolis with descending qubit arguments to the wrong qubits.
            case TOFFOLI -> new Pick(kind, new Toffoli(q[0], q[1], q[2]), b -> b.ccx(q[0], q[1], q[2]),
                    q[0] < q[1] && q[1] < q[2]);
            case ORACLE -> oracle(rnd, n);
            case FOURIER, INV_FOURIER -> {
                int k = 1 + rnd.nextInt(n);
                int at = rnd.nextInt(n - k + 1);
                boolean inverse = kind == Kind.INV_FOURIER;
                Matrix f = inverse ? StrangeTestSupport.dft(k).dagger() : StrangeTestSupport.dft(k);
                Gate g = inverse ? new InvFourier(k, at) : new Fourier(k, at);
                yield new Pick(kind, g, b -> b.unitary(f, range(at, k)), true);
            }
            case BLOCK, INVERTED_BLOCK, CONTROLLED_BLOCK -> block(kind, rnd, n);
            case ADD -> {
                int m = 1 + rnd.nextInt(n / 2);
                int at = rnd.nextInt(n - 2 * m + 1);
                int mask = (1 << m) - 1;
                // x (qubits at … at+m−1) becomes x + y mod 2^m; y (the next m qubits) stays.
                Matrix add = StrangeTestSupport.permutation(2 * m, v -> (((v & mask) + (v >> m)) & mask) | (v & ~mask));
                yield new Pick(kind, new Add(at, at + m - 1, at + m, at + 2 * m - 1), b -> b.unitary(add, range(at, 2 * m)), true);
            }
            case ADD_INTEGER -> {
                int m = 1 + rnd.nextInt(n);
                int at = rnd.nextInt(n - m + 1);
                int number = rnd.nextInt(1 << m);
                Matrix add = StrangeTestSupport.permutation(m, v -> (v + number) & ((1 << m) - 1));
                yield new Pick(kind, new AddInteger(at, at + m - 1, number), b -> b.unitary(add, range(at, m)), true);
            }
        };
    }

    static int[] range(int from, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) r[i] = from + i;
        return r;
    }

    /** Single-qubit matrices whose entries floats hold exactly (or that are phases the bridge recovers). */
    private static Pick matrixGate(Random rnd, int q) {
        double[][][] choices = {
                {{0, 0, 1, 0}, {1, 0, 0, 0}},          // X
                {{0, 0, 0, -1}, {0, 1, 0, 0}},         // Y
                {{1, 0, 0, 0}, {0, 0, 0, 1}},          // S
                {{0, 0, 1, 0}, {-1, 0, 0, 0}},         // i·Y
                {{0, 1, 0, 0}, {0, 0, 0, -1}},         // i·diag(1, −1)
        };
        double[][] rows;
        if (rnd.nextBoolean()) {
            rows = choices[rnd.nextInt(choices.length)];
        } else {
            double phi = 2 * Math.PI * (rnd.nextInt(17) - 8) / 8; // a phase gate diag(1, e^{iφ})
            rows = new double[][]{{1, 0, 0, 0}, {0, 0, Math.cos(phi), Math.sin(phi)}};
        }
        Complex[][] c = new Complex[2][2];
        for (int r = 0; r < 2; r++) for (int k = 0; k < 2; k++) c[r][k] = new Complex(rows[r][2 * k], rows[r][2 * k + 1]);
        Matrix m = Matrix.ofRows(rows[0], rows[1]);
        return new Pick(Kind.MATRIX, new SingleQubitMatrixGate(q, c), b -> b.unitary(m, q), true);
    }

    /** An oracle on all n qubits: a random permutation with random signs (exact in float). */
    private static Pick oracle(Random rnd, int n) {
        int dim = 1 << n;
        int[] perm = distinct(rnd, dim, dim);
        Complex[][] c = new Complex[dim][dim];
        double[] re = new double[dim * dim];
        for (int r = 0; r < dim; r++) for (int k = 0; k < dim; k++) c[r][k] = Complex.ZERO;
        for (int x = 0; x < dim; x++) {
            double sign = rnd.nextBoolean() ? 1 : -1;
            c[perm[x]][x] = new Complex(sign, 0);
            re[perm[x] * dim + x] = sign;
        }
        Matrix m = Matrix.of(dim, re, new double[dim * dim]);
        return new Pick(Kind.ORACLE, new Oracle(c), b -> b.unitary(m, range(0, n)), true);
    }

    /** A block of a few random gates, placed, inverted or controlled; the reference is its matrix. */
    private static Pick block(Kind kind, Random rnd, int n) {
        int k = kind == Kind.CONTROLLED_BLOCK ? 2 : 2 + rnd.nextInt(n - 1);
        Block block = new Block("random", k);
        CircuitBuilder local = Circuit.builder(k);
        for (int s = 0; s < 4; s++) {
            int[] q = distinct(rnd, k, 2);
            switch (rnd.nextInt(4)) {
                case 0 -> { block.addStep(new Step(new Hadamard(q[0]))); local.h(q[0]); }
                case 1 -> { block.addStep(new Step(new Cnot(q[0], q[1]))); local.cx(q[0], q[1]); }
                case 2 -> { double t = angle(rnd); block.addStep(new Step(new RotationY(t, q[0]))); local.ry(t, q[0]); }
                default -> { double t = angle(rnd); block.addStep(new Step(new R(t, q[0]))); local.p(t, q[0]); }
            }
        }
        List<Operation.GateOp> ops = new ArrayList<>();
        for (Operation op : local.build().operations()) ops.add((Operation.GateOp) op);
        Matrix u = StrangeTestSupport.product(k, ops);
        if (kind == Kind.CONTROLLED_BLOCK) {
            int at = rnd.nextInt(n - k + 1);
            List<Integer> outside = new ArrayList<>();
            for (int q = 0; q < n; q++) if (q < at || q >= at + k) outside.add(q);
            int control = outside.get(rnd.nextInt(outside.size()));
            int[] qubits = new int[k + 1];
            qubits[0] = control;
            System.arraycopy(range(at, k), 0, qubits, 1, k);
            Matrix cu = u.controlled(1);
            return new Pick(kind, new ControlledBlockGate<>(block, at, control), b -> b.unitary(cu, qubits), true);
        }
        int at = rnd.nextInt(n - k + 1);
        BlockGate<?> gate = new BlockGate<>(block, at);
        Matrix applied = u;
        if (kind == Kind.INVERTED_BLOCK) {
            gate.inverse();
            applied = u.dagger();
        }
        Matrix finalMatrix = applied;
        return new Pick(kind, gate, b -> b.unitary(finalMatrix, range(at, k)), true);
    }
}
