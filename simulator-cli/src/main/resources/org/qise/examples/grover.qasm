// Grover search over 3 qubits for the marked state |101>: two iterations find it with probability ~0.945.
OPENQASM 2.0;
include "qelib1.inc";

// Phase oracle: flips the sign of |101> (q[0] = 1, q[1] = 0, q[2] = 1).
gate oracle a, b, c {
  x b;
  h c;
  ccx a, b, c;
  h c;
  x b;
}

// Inversion about the mean: H X (multi-controlled Z) X H.
gate diffuser a, b, c {
  h a; h b; h c;
  x a; x b; x c;
  h c;
  ccx a, b, c;
  h c;
  x a; x b; x c;
  h a; h b; h c;
}

qreg q[3];
creg c[3];

h q;
oracle q[0], q[1], q[2];
diffuser q[0], q[1], q[2];
oracle q[0], q[1], q[2];
diffuser q[0], q[1], q[2];
measure q -> c;
