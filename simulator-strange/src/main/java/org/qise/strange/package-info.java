/**
 * Running <a href="https://github.com/redfx-quantum/strange">Strange</a> 0.1.3 programs on
 * QISE, and converting them to QISE circuits and OpenQASM.
 *
 * <pre>{@code
 * Program p = new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)));
 *
 * QiseResult r = new QiseExecutionEnvironment(42).runProgram(p);  // seeded: same result every time
 * r.getQubits()[0].measure();        // Strange's API, as with its own environment
 * r.probabilities();                 // [0.5, 0, 0, 0.5] in double precision
 *
 * Classic.setQuantumExecutionEnvironment(new QiseExecutionEnvironment());
 * Classic.qfactor(15);               // Strange's algorithms run on QISE too
 *
 * Circuit c = StrangeConverter.toCircuit(p);   // h q[0]; cx q[0],q[1];
 * String qasm = StrangeConverter.toQasm(p);    // to share through the exchange portal
 * }</pre>
 *
 * <p>{@link org.qise.strange.QiseExecutionEnvironment} computes the physically correct result
 * in double precision; where Strange's own simulator differs (Toffoli argument order, gates in
 * one step that span each other, RotationZ, {@code initializeQubit}, empty programs) the
 * README section "Running Strange programs on QISE" lists the differences.
 */
package org.qise.strange;
