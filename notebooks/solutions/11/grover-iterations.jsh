int iterations(int n) {
    // Each iteration turns the state by 2θ; the first peak is nearest (2k+1)θ = π/2.
    double theta = Math.asin(1 / Math.sqrt(1 << n));
    return (int) Math.floor(Math.PI / (4 * theta));
}
