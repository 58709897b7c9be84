package org.qise.reference;

import static org.qise.reference.Dense.ID;
import static org.qise.reference.Dense.I;
import static org.qise.reference.Dense.ONE;
import static org.qise.reference.Dense.P1;
import static org.qise.reference.Dense.PAULI_X;
import static org.qise.reference.Dense.PAULI_Y;
import static org.qise.reference.Dense.PAULI_Z;
import static org.qise.reference.Dense.ZERO;
import static org.qise.reference.Dense.m2;
import static org.qise.reference.Dense.onQubit;
import static org.qise.reference.Dense.onQubits;
import static org.qise.reference.Dense.phase;
import static org.qise.reference.Dense.re;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;

/**
 * The full 2^n matrix of every qelib1 gate, written from textbook definitions (Nielsen &amp;
 * Chuang; the OpenQASM 2 paper and qelib1.inc for the names, parameters and qubit order) rather
 * than from QISE's gate table:
 * <ul>
 *   <li>rotations as exponentials, R_P(θ) = cos(θ/2)·I − i·sin(θ/2)·P;</li>
 *   <li>U(θ,φ,λ) as its Z-Y-Z Euler form e^{i(φ+λ)/2}·Rz(φ)·Ry(θ)·Rz(λ);</li>
 *   <li>controlled gates as projector sums: C(T) = I − Π + Π·T with Π = ⊗_c |1⟩⟨1|_c;</li>
 *   <li>swap as (II + XX + YY + ZZ)/2, rxx and rzz as exponentials of XX and ZZ;</li>
 *   <li>rccx and rc3x multiplied out from their qelib1 gate sequences.</li>
 * </ul>
 * Qubits are listed as in OpenQASM: controls first, then targets.
 */
final class ReferenceGates {
    private ReferenceGates() {}

    // ---- single-qubit textbook matrices ----

    /** R_P(θ) = cos(θ/2)·I − i·sin(θ/2)·P. */
    static FieldMatrix<Complex> rotation(FieldMatrix<Complex> pauli, double theta) {
        return ID.scalarMultiply(re(Math.cos(theta / 2)))
                .add(pauli.scalarMultiply(new Complex(0, -Math.sin(theta / 2))));
    }

    static FieldMatrix<Complex> phaseGate(double lambda) {
        return m2(ONE, ZERO, ZERO, phase(lambda));
    }

    /** U(θ,φ,λ) = e^{i(φ+λ)/2}·Rz(φ)·Ry(θ)·Rz(λ). */
    static FieldMatrix<Complex> u(double theta, double phi, double lambda) {
        return rotation(PAULI_Z, phi).multiply(rotation(PAULI_Y, theta)).multiply(rotation(PAULI_Z, lambda))
                .scalarMultiply(phase((phi + lambda) / 2));
    }

    /** H = (X + Z)/√2. */
    static FieldMatrix<Complex> hadamard() {
        return PAULI_X.add(PAULI_Z).scalarMultiply(re(1 / Math.sqrt(2)));
    }

    /** √X = ((1+i)·I + (1−i)·X)/2, the square root whose square is X. */
    static FieldMatrix<Complex> sqrtX() {
        return ID.scalarMultiply(new Complex(0.5, 0.5)).add(PAULI_X.scalarMultiply(new Complex(0.5, -0.5)));
    }

    /** The 2×2 matrix of a single-qubit qelib1 gate, by name. */
    static FieldMatrix<Complex> oneQubit(String name, double[] p) {
        return switch (name) {
            case "id", "u0" -> ID; // u0(γ) is an idle of duration γ: identity
            case "x" -> PAULI_X;
            case "y" -> PAULI_Y;
            case "z" -> PAULI_Z;
            case "h" -> hadamard();
            case "s" -> m2(ONE, ZERO, ZERO, I);
            case "sdg" -> m2(ONE, ZERO, ZERO, I.negate());
            case "t" -> m2(ONE, ZERO, ZERO, phase(Math.PI / 4));
            case "tdg" -> m2(ONE, ZERO, ZERO, phase(-Math.PI / 4));
            case "sx" -> sqrtX();
            case "sxdg" -> Dense.dagger(sqrtX());
            case "rx" -> rotation(PAULI_X, p[0]);
            case "ry" -> rotation(PAULI_Y, p[0]);
            case "rz" -> rotation(PAULI_Z, p[0]);
            case "p", "u1" -> phaseGate(p[0]);
            case "u2" -> u(Math.PI / 2, p[0], p[1]);
            case "u3", "u", "U" -> u(p[0], p[1], p[2]);
            default -> throw new IllegalArgumentException("not a single-qubit gate: " + name);
        };
    }

    // ---- building blocks on n qubits ----

    /** C(T) = I − Π + Π·T, Π the projector onto all {@code controls} being 1; T acts on the other qubits. */
    static FieldMatrix<Complex> controlled(int n, int[] controls, FieldMatrix<Complex> target) {
        Map<Integer, FieldMatrix<Complex>> ones = new HashMap<>();
        for (int c : controls) ones.put(c, P1);
        FieldMatrix<Complex> pi = onQubits(n, ones);
        return Dense.identity(1 << n).subtract(pi).add(pi.multiply(target));
    }

    /** P_a ⊗ P_b on qubits a and b of n. */
    static FieldMatrix<Complex> twoPaulis(int n, FieldMatrix<Complex> pauli, int a, int b) {
        return onQubits(n, Map.of(a, pauli, b, pauli));
    }

    /** SWAP = (I + XX + YY + ZZ)/2. */
    static FieldMatrix<Complex> swap(int n, int a, int b) {
        return Dense.identity(1 << n)
                .add(twoPaulis(n, PAULI_X, a, b)).add(twoPaulis(n, PAULI_Y, a, b)).add(twoPaulis(n, PAULI_Z, a, b))
                .scalarMultiply(re(0.5));
    }

    /** e^{−iθ/2·P⊗P} = cos(θ/2)·I − i·sin(θ/2)·P⊗P. */
    static FieldMatrix<Complex> twoQubitRotation(int n, FieldMatrix<Complex> pauli, double theta, int a, int b) {
        return Dense.identity(1 << n).scalarMultiply(re(Math.cos(theta / 2)))
                .add(twoPaulis(n, pauli, a, b).scalarMultiply(new Complex(0, -Math.sin(theta / 2))));
    }

    private static int[] first(int[] qubits, int k) {
        return java.util.Arrays.copyOf(qubits, k);
    }

    /** The full 2^n matrix of qelib1 gate {@code name}(params) on the listed qubits of an n-qubit register. */
    static FieldMatrix<Complex> full(int n, String name, double[] p, int... q) {
        return switch (name) {
            case "cx", "CX" -> controlled(n, first(q, 1), onQubit(n, q[1], PAULI_X));
            case "cy" -> controlled(n, first(q, 1), onQubit(n, q[1], PAULI_Y));
            case "cz" -> controlled(n, first(q, 1), onQubit(n, q[1], PAULI_Z));
            case "ch" -> controlled(n, first(q, 1), onQubit(n, q[1], hadamard()));
            case "csx" -> controlled(n, first(q, 1), onQubit(n, q[1], sqrtX()));
            case "crx" -> controlled(n, first(q, 1), onQubit(n, q[1], rotation(PAULI_X, p[0])));
            case "cry" -> controlled(n, first(q, 1), onQubit(n, q[1], rotation(PAULI_Y, p[0])));
            case "crz" -> controlled(n, first(q, 1), onQubit(n, q[1], rotation(PAULI_Z, p[0])));
            case "cp", "cu1" -> controlled(n, first(q, 1), onQubit(n, q[1], phaseGate(p[0])));
            case "cu3" -> controlled(n, first(q, 1), onQubit(n, q[1], u(p[0], p[1], p[2])));
            // cu(θ,φ,λ,γ) applies e^{iγ}·U(θ,φ,λ) when the control is 1
            case "cu" -> controlled(n, first(q, 1), onQubit(n, q[1], u(p[0], p[1], p[2]).scalarMultiply(phase(p[3]))));
            case "swap" -> swap(n, q[0], q[1]);
            case "cswap" -> controlled(n, first(q, 1), swap(n, q[1], q[2]));
            case "rxx" -> twoQubitRotation(n, PAULI_X, p[0], q[0], q[1]);
            case "rzz" -> twoQubitRotation(n, PAULI_Z, p[0], q[0], q[1]);
            case "ccx" -> controlled(n, first(q, 2), onQubit(n, q[2], PAULI_X));
            case "c3x" -> controlled(n, first(q, 3), onQubit(n, q[3], PAULI_X));
            case "c3sqrtx" -> controlled(n, first(q, 3), onQubit(n, q[3], sqrtX()));
            case "c4x" -> controlled(n, first(q, 4), onQubit(n, q[4], PAULI_X));
            case "rccx" -> rccx(n, q[0], q[1], q[2]);
            case "rc3x" -> rc3x(n, q[0], q[1], q[2], q[3]);
            default -> onQubit(n, q[0], oneQubit(name, p));
        };
    }

    private static final double[] NONE = new double[0];

    /** Multiplies out a gate sequence: each step is a name and its qubits (no parameters). */
    private static FieldMatrix<Complex> sequence(int n, Object[][] steps) {
        FieldMatrix<Complex> m = Dense.identity(1 << n);
        for (Object[] step : steps) {
            int[] qs = new int[step.length - 1];
            for (int k = 1; k < step.length; k++) qs[k - 1] = (Integer) step[k];
            m = full(n, (String) step[0], NONE, qs).multiply(m);
        }
        return m;
    }

    /** qelib1: gate rccx a,b,c { u2(0,pi) c; u1(pi/4) c; cx b,c; u1(-pi/4) c; cx a,c; u1(pi/4) c; cx b,c; u1(-pi/4) c; u2(0,pi) c; } */
    static FieldMatrix<Complex> rccx(int n, int a, int b, int c) {
        return sequence(n, new Object[][]{
                {"h", c}, {"t", c}, {"cx", b, c}, {"tdg", c}, {"cx", a, c},
                {"t", c}, {"cx", b, c}, {"tdg", c}, {"h", c}});
    }

    /** qelib1's rc3x a,b,c,d, with u2(0,π) = H and u1(±π/4) = T / T†. */
    static FieldMatrix<Complex> rc3x(int n, int a, int b, int c, int d) {
        return sequence(n, new Object[][]{
                {"h", d}, {"t", d}, {"cx", c, d}, {"tdg", d}, {"h", d},
                {"cx", a, d}, {"t", d}, {"cx", b, d}, {"tdg", d}, {"cx", a, d}, {"t", d}, {"cx", b, d}, {"tdg", d},
                {"h", d}, {"t", d}, {"cx", c, d}, {"tdg", d}, {"h", d}});
    }
}
