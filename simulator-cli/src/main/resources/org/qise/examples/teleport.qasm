// Quantum teleportation: the state ry(pi/3)|0> moves from q[0] to q[2] using a Bell pair and two classical bits.
OPENQASM 2.0;
include "qelib1.inc";

qreg q[3];
creg alice[1];   // Alice's measurement of the state qubit (q[0])
creg pair[1];    // Alice's measurement of her half of the pair (q[1])
creg bob[1];     // Bob's qubit after the corrections (q[2])

// the state to send: P(1) = sin^2(pi/6) = 1/4
ry(pi/3) q[0];

// a Bell pair shared by Alice (q[1]) and Bob (q[2])
h q[1];
cx q[1], q[2];
barrier q;

// Alice measures in the Bell basis
cx q[0], q[1];
h q[0];
measure q[0] -> alice[0];
measure q[1] -> pair[0];

// Bob corrects his qubit according to the two bits
if (pair == 1) x q[2];
if (alice == 1) z q[2];

// Bob's qubit now reads 1 with probability 1/4, whatever Alice measured
measure q[2] -> bob[0];
