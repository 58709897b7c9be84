void bobCorrects(CircuitBuilder b) {
    // X undoes the bit flip Alice's m1 reports, then Z the phase flip m0 reports.
    b.ifEquals("m1", 1, then -> then.x(2))
     .ifEquals("m0", 1, then -> then.z(2));
}
