String teleportation = """
    qubit[3] q;
    bit[2] m;
    h q[1];
    cx q[1], q[2];
    cx q[0], q[1];
    h q[0];
    m[0] = measure q[0];
    m[1] = measure q[1];
    // m[1] reports a bit flip on Bob's half, m[0] a phase flip: undo the flip first, then the phase.
    if (m[1] == 1) {
        x q[2];
        if (m[0] == 1) { z q[2]; }
    } else {
        if (m[0] == 1) { z q[2]; }
    }
    """;
