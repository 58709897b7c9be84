package org.qise.strange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation.GateOp;
import org.redfx.strange.Block;
import org.redfx.strange.BlockGate;
import org.redfx.strange.Complex;
import org.redfx.strange.ControlledBlockGate;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.InvFourier;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.Oracle;
import org.redfx.strange.gate.PermutationGate;
import org.redfx.strange.gate.ProbabilitiesGate;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.Rotation;
import org.redfx.strange.gate.SingleQubitGate;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.ThreeQubitGate;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.TwoQubitGate;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;

/**
 * Translates one unitary Strange gate into QISE gate applications on the same qubits.
 *
 * <p>Every gate becomes exact library gates where one exists, with angles in double precision:
 * Fourier transforms become the textbook h / cp / swap circuit, and blocks (Strange's
 * arithmetic gates included) are translated gate by gate, inverted or controlled as the block
 * is. Only gates that Strange defines by a bare matrix (Oracle, SingleQubitMatrixGate, gates of
 * unknown classes) become arbitrary unitaries, taken from Strange's float matrix and made
 * unitary again in double precision.
 *
 * <p>Strange's matrix convention matches QISE's: in a gate's matrix, a higher qubit is a more
 * significant bit, so for a two-qubit gate the main (first) qubit is the high bit.
 */
final class GateTranslator {
    private GateTranslator() {}

    /** Matrices Strange computed in float agree with their double formula to about 1e-7. */
    private static final double FLOAT_MATCH = 1e-5;

    /** The QISE gate applications that do what {@code gate} does, on program qubits. */
    static List<GateOp> translate(org.redfx.strange.Gate gate) {
        return switch (gate) {
            case ControlledBlockGate<?> c -> controlledBlock(c);
            case Fourier f -> fourier(f);
            case BlockGate<?> b -> block(b.getBlock(), b.getMainQubitIndex(), StrangeInternals.isInverted(b));
            case Measurement m -> throw new IllegalArgumentException("a Measurement can only stand directly in a program step, not inside a block");
            case ProbabilitiesGate p -> List.of();
            case Identity g -> on(Gates.id(), g.getMainQubitIndex());
            case X g -> on(Gates.x(), g.getMainQubitIndex());
            case Y g -> on(Gates.y(), g.getMainQubitIndex());
            case Z g -> on(Gates.z(), g.getMainQubitIndex());
            case Hadamard g -> on(Gates.h(), g.getMainQubitIndex());
            case Rotation g -> on(rotation(g), g.getMainQubitIndex());
            case R g -> on(phase(g), g.getMainQubitIndex());
            case SingleQubitMatrixGate g -> on(singleQubitMatrix(g.getMatrix()), g.getMainQubitIndex());
            case Cnot g -> on(Gates.cx(), g.getMainQubitIndex(), g.getSecondQubitIndex());
            case Cz g -> on(Gates.cz(), g.getMainQubitIndex(), g.getSecondQubitIndex());
            case Swap g -> on(Gates.swap(), g.getMainQubitIndex(), g.getSecondQubitIndex());
            // Cr keeps its angle only in its float matrix; entry (3,3) is e^{iθ} (conjugated when inverted).
            case Cr g -> on(Gates.cp(StrangeMatrices.angleOf(g.getMatrix()[3][3])), g.getMainQubitIndex(), g.getSecondQubitIndex());
            case Toffoli g -> on(Gates.ccx(), g.getMainQubit(), g.getSecondQubit(), g.getThirdQubit());
            case Oracle g -> oracle(g);
            case PermutationGate g -> on(Gates.swap(), g.getIndex1(), g.getIndex2());
            case SingleQubitGate g -> on(singleQubitMatrix(g.getMatrix()), g.getMainQubitIndex());
            case TwoQubitGate g -> on(unitary(g.getMatrix(), g), g.getSecondQubitIndex(), g.getMainQubitIndex());
            case ThreeQubitGate g -> on(unitary(g.getMatrix(), g), g.getThirdQubit(), g.getSecondQubit(), g.getMainQubit());
            default -> throw new IllegalArgumentException("gate class " + gate.getClass().getName() + " is not supported");
        };
    }

    /** A short description of a Strange gate for messages: its class and qubits. */
    static String describe(org.redfx.strange.Gate gate) {
        List<Integer> qubits;
        try {
            qubits = gate.getAffectedQubitIndexes();
        } catch (RuntimeException e) {
            qubits = List.of();
        }
        String name = gate.getClass().getSimpleName();
        if (gate instanceof ControlledBlockGate<?> c) name += " (" + blockName(c.getBlock()) + ")";
        return name + " on qubit" + (qubits.size() == 1 ? " " : "s ") + qubits;
    }

    /** A block's name, which Strange shows only in its toString ("Block named Add at …"). */
    private static String blockName(Block block) {
        String text = String.valueOf(block);
        int from = text.indexOf("named ");
        int to = text.indexOf(" at ", from + 1);
        return from >= 0 && to > from ? text.substring(from + 6, to) : "block";
    }

    private static List<GateOp> on(Gate gate, int... qubits) {
        return List.of(new GateOp(gate, qubits, null));
    }

    // ---- single-qubit gates with angles ----

    /**
     * RotationX/Y/Z in double precision. The axis and the inversion (Strange conjugates the float
     * matrix in place) are read off the float matrix; the angle is the double the gate was
     * made with. RotationZ becomes the true rz(θ) = diag(e^{−iθ/2}, e^{iθ/2}), not Strange's
     * matrix, which has e^{−iθ/2} in both places and so is only a global phase.
     */
    private static Gate rotation(Rotation g) {
        Complex[][] m = g.getMatrix();
        OptionalDouble given = StrangeInternals.rotationAngle(g);
        for (char axis : new char[]{'x', 'y', 'z'}) {
            double[] candidates = given.isPresent()
                    ? new double[]{given.getAsDouble(), -given.getAsDouble()}
                    : new double[]{angleFromStrangeRotation(axis, m)};
            for (double theta : candidates) {
                if (StrangeMatrices.distance(m, strangeRotation(axis, theta)) < FLOAT_MATCH) {
                    return switch (axis) {
                        case 'x' -> Gates.rx(theta);
                        case 'y' -> Gates.ry(theta);
                        default -> Gates.rz(theta);
                    };
                }
            }
        }
        throw new IllegalArgumentException("rotation matrix " + StrangeMatrices.toMatrix(m) + " matches no rotation about X, Y or Z");
    }

    /** The matrix Strange 0.1.3 builds for a rotation by θ about an axis (its Z is a global phase). */
    private static Matrix strangeRotation(char axis, double theta) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        return switch (axis) {
            case 'x' -> Matrix.ofRows(new double[]{c, 0, 0, -s}, new double[]{0, -s, c, 0});
            case 'y' -> Matrix.ofRows(new double[]{c, 0, -s, 0}, new double[]{s, 0, c, 0});
            default -> Matrix.ofRows(new double[]{c, -s, 0, 0}, new double[]{0, 0, c, -s});
        };
    }

    /** θ recovered from Strange's float rotation matrix (used only when the double is unreadable). */
    private static double angleFromStrangeRotation(char axis, Complex[][] m) {
        double half = switch (axis) {
            case 'x' -> Math.atan2(-m[0][1].i, m[0][0].r);
            case 'y' -> Math.atan2(m[1][0].r, m[0][0].r);
            default -> -Math.atan2(m[0][0].i, m[0][0].r);
        };
        return 2 * StrangeMatrices.snapAngle(half);
    }

    /** R is the phase gate diag(1, e^{iφ}); inverted, Strange holds its conjugate. */
    private static Gate phase(R g) {
        Complex[][] m = g.getMatrix();
        double read = StrangeMatrices.angleOf(m[1][1]);
        OptionalDouble given = StrangeInternals.phaseAngle(g);
        if (given.isEmpty()) return Gates.p(read);
        double phi = given.getAsDouble();
        // Same phase as the matrix, or its negative when the gate has been inverted.
        double sameSide = Math.abs(Math.IEEEremainder(read - phi, 2 * Math.PI));
        return Gates.p(sameSide < FLOAT_MATCH ? phi : -phi);
    }

    /** A 2×2 matrix: a phase gate when it is diag(1, e^{iφ}), else the nearest unitary to it. */
    private static Gate singleQubitMatrix(Complex[][] m) {
        boolean phaseGate = m.length == 2 && m[0][1].r == 0 && m[0][1].i == 0 && m[1][0].r == 0 && m[1][0].i == 0
                && Math.abs(m[0][0].r - 1) < FLOAT_MATCH && Math.abs(m[0][0].i) < FLOAT_MATCH
                && Math.abs(Math.hypot(m[1][1].r, m[1][1].i) - 1) < FLOAT_MATCH;
        if (phaseGate) return Gates.p(StrangeMatrices.angleOf(m[1][1]));
        return Gates.unitary(StrangeMatrices.nearestUnitary(StrangeMatrices.toMatrix(m), "the single-qubit matrix"));
    }

    private static Gate unitary(Complex[][] m, org.redfx.strange.Gate g) {
        if (m == null) throw new IllegalArgumentException(describe(g) + " has no matrix");
        return Gates.unitary(StrangeMatrices.nearestUnitary(StrangeMatrices.toMatrix(m), "the matrix of " + describe(g)));
    }

    /** An oracle's matrix acts on qubits 0 … k−1 (bit j of an index is qubit j). */
    private static List<GateOp> oracle(Oracle g) {
        Complex[][] m = g.getMatrix();
        if (m == null) throw new IllegalArgumentException("the Oracle has no matrix (use new Oracle(Complex[][]))");
        int dim = m.length;
        if (dim < 2 || Integer.bitCount(dim) != 1) throw new IllegalArgumentException("the Oracle's matrix has " + dim + " rows, not a power of two");
        int k = Integer.numberOfTrailingZeros(dim);
        int[] qubits = new int[k];
        for (int q = 0; q < k; q++) qubits[q] = q;
        return on(unitary(m, g), qubits);
    }

    // ---- Fourier transforms and blocks ----

    /**
     * The quantum Fourier transform on qubits idx … idx+k−1, read as an integer x with qubit idx
     * least significant: |x⟩ → 2^{−k/2} Σ_y e^{2πi·xy/2^k} |y⟩, as Strange's matrix has it. The
     * circuit: from the most significant qubit down, h then controlled phases from the lower
     * qubits, then swaps that reverse the bit order. The inverse runs it backwards.
     */
    private static List<GateOp> fourier(Fourier f) {
        int k = f.getAffectedQubitIndexes().size();
        int base = f.getMainQubitIndex();
        List<GateOp> ops = new ArrayList<>();
        for (int j = k - 1; j >= 0; j--) {
            ops.add(new GateOp(Gates.h(), new int[]{base + j}, null));
            for (int c = j - 1; c >= 0; c--) {
                ops.add(new GateOp(Gates.cp(Math.PI / (1 << (j - c))), new int[]{base + c, base + j}, null));
            }
        }
        for (int i = 0; i < k / 2; i++) ops.add(new GateOp(Gates.swap(), new int[]{base + i, base + k - 1 - i}, null));
        return isInverseFourier(f) ? inverse(ops) : ops;
    }

    /**
     * Strange inverts a Fourier gate by conjugating its cached matrix, and InvFourier starts out
     * conjugated; entry (1,1) is e^{±2πi/2^k}/√2^k, so its sign tells the direction.
     */
    private static boolean isInverseFourier(Fourier f) {
        Complex[][] m = StrangeInternals.fourierMatrixIfComputed(f);
        if (m == null || m.length < 4) return f instanceof InvFourier;
        return m[1][1].i < 0;
    }

    /** The gates of a block placed at {@code offset}, in reverse and inverted when the block is. */
    private static List<GateOp> block(Block block, int offset, boolean inverted) {
        List<GateOp> ops = new ArrayList<>();
        for (Step step : block.getSteps()) {
            for (org.redfx.strange.Gate g : step.getGates()) {
                for (GateOp op : translate(g)) {
                    int[] qs = op.qubits();
                    for (int i = 0; i < qs.length; i++) {
                        if (qs[i] >= block.getNQubits()) {
                            throw new IllegalArgumentException(describe(g) + " reaches past its " + block.getNQubits() + "-qubit block");
                        }
                        qs[i] += offset;
                    }
                    ops.add(new GateOp(op.gate(), qs, null));
                }
            }
        }
        return inverted ? inverse(ops) : ops;
    }

    /** Every gate of the block, controlled by one more qubit. */
    private static List<GateOp> controlledBlock(ControlledBlockGate<?> c) {
        int control = c.getControlQubit();
        List<GateOp> ops = new ArrayList<>();
        for (GateOp op : block(c.getBlock(), c.getMainQubitIndex(), StrangeInternals.isInverted(c))) {
            if (op.gate().name().equals("id")) continue; // a controlled identity is an identity
            int[] qs = op.qubits();
            int[] all = new int[qs.length + 1];
            all[0] = control;
            System.arraycopy(qs, 0, all, 1, qs.length);
            for (int q : qs) {
                if (q == control) throw new IllegalArgumentException("the control qubit " + control + " lies inside the controlled block");
            }
            ops.add(new GateOp(op.gate().controlled(1), all, null));
        }
        return ops;
    }

    /** The inverse of a gate sequence: the inverses in reverse order. */
    static List<GateOp> inverse(List<GateOp> ops) {
        List<GateOp> out = new ArrayList<>(ops.size());
        for (GateOp op : ops) out.add(new GateOp(op.gate().inverse(), op.qubits(), null));
        Collections.reverse(out);
        return out;
    }
}
