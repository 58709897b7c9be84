double depolarizedPurity(double p, double x, double y, double z) {
    // ρ = (I + r·σ)/2 gives Tr ρ² = (1 + |r|²)/2; depolarizing shrinks r to (1 − p)·r.
    double shrink = 1 - p;
    return (1 + shrink * shrink * (x * x + y * y + z * z)) / 2;
}
