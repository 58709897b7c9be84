double[] bloch(double[] state) {
    double ar = state[0], ai = state[1], br = state[2], bi = state[3];
    // conj(a)·b = (ar − i·ai)(br + i·bi) = (ar·br + ai·bi) + i(ar·bi − ai·br)
    return new double[] {2 * (ar * br + ai * bi), 2 * (ar * bi - ai * br), ar * ar + ai * ai - br * br - bi * bi};
}
