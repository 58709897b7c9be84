double copyFidelity(double theta) {
    // <psi|rho|psi> = cos²·cos² + sin²·sin²
    double c = Math.pow(Math.cos(theta / 2), 2), s = Math.pow(Math.sin(theta / 2), 2);
    return c * c + s * s;
}
