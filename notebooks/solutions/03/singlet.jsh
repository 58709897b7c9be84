Circuit singlet() {
    // X on both qubits, then H and CNOT: the Bell-state recipe for Ψ−.
    return Circuit.builder(2).x(0).x(1).h(0).cx(0, 1).build();
}
