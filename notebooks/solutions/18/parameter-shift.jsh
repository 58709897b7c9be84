double shiftDerivative(DoubleUnaryOperator f, double theta) {
    // f(θ) = a + b cos θ + c sin θ, so [f(θ + π/2) − f(θ − π/2)]/2 = −b sin θ + c cos θ exactly.
    return (f.applyAsDouble(theta + Math.PI / 2) - f.applyAsDouble(theta - Math.PI / 2)) / 2;
}
