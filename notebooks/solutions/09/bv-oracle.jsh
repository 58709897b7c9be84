void oracle(CircuitBuilder b, int secret, int n) {
    // s·x mod 2 is the parity of the bits of x where s has a 1: one CNOT per such bit.
    for (int q = 0; q < n; q++) {
        if (((secret >> q) & 1) == 1) b.cx(q, n);
    }
}
