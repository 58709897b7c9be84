void correct(CircuitBuilder b) {
    // s1 s0 = 01: only the (0,1) parity is odd, so qubit 0 flipped; 11: qubit 1; 10: qubit 2.
    b.ifEquals("s", 1, then -> then.x(0))
     .ifEquals("s", 3, then -> then.x(1))
     .ifEquals("s", 2, then -> then.x(2));
}
