void encode(CircuitBuilder b, int message) {
    if ((message & 1) != 0) b.z(0);   // Bob's H turns a Z into his bit 0
    if ((message & 2) != 0) b.x(0);   // and his CNOT turns an X into his bit 1
}
