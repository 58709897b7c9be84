/**
 * The circuit model: immutable {@link org.qise.circuit.Circuit}s of gates, measurements, resets
 * and barriers on flat-numbered qubits and classical bits, and the gate library.
 *
 * <p>Build circuits with the fluent {@link org.qise.circuit.CircuitBuilder}; it has a method for
 * every gate of OpenQASM 2.0's {@code qelib1.inc}, plus arbitrary unitaries, controlled gates and
 * classically conditioned blocks:
 *
 * <pre>{@code
 * Circuit ghz = Circuit.builder(3, 3)        // qreg q[3]; creg c[3];
 *         .h(0).cx(0, 1).cx(1, 2)
 *         .measureAll()                      // measure q[i] -> c[i]
 *         .build();
 *
 * Circuit teleport = Circuit.builder().qreg("q", 3).creg("m0", 1).creg("m1", 1)
 *         .h(1).cx(1, 2).cx(0, 1).h(0).measure(0, 0).measure(1, 1)
 *         .ifEquals("m1", 1, b -> b.x(2))     // if (m1 == 1) x q[2];
 *         .ifEquals("m0", 1, b -> b.z(2))
 *         .build();
 *
 * Circuit custom = Circuit.builder(2)
 *         .controlled(Gates.ry(0.3), new int[]{0}, 1)             // ry on q[1] if q[0] is 1
 *         .unitary(Gates.swap().matrix(), 0, 1)                   // any unitary, qubit j = bit j
 *         .build();
 * }</pre>
 *
 * <p>Conventions: qubit 0 is the least significant bit of a basis-state index; in a gate's
 * {@link org.qise.circuit.Matrix} the j-th listed qubit is bit j; a gate's controls come first
 * ({@link org.qise.circuit.Gate#controls()}). Gate matrices follow Qiskit's definitions, so
 * state vectors agree with Qiskit's (see {@link org.qise.circuit.Gates}).
 */
package org.qise.circuit;
