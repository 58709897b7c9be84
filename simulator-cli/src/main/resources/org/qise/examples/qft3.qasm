// Quantum Fourier transform of |5> = |101> on 3 qubits, with no measurement: try --statevector.
OPENQASM 2.0;
include "qelib1.inc";

qreg q[3];

// prepare |101> (q[0] = 1, q[2] = 1)
x q[0];
x q[2];

// QFT: Hadamards and controlled phases, most significant qubit first, then reverse the order
h q[2];
cp(pi/2) q[1], q[2];
cp(pi/4) q[0], q[2];
h q[1];
cp(pi/2) q[0], q[1];
h q[0];
swap q[0], q[2];
