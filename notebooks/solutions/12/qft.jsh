Circuit myQft(int n) {
    CircuitBuilder b = Circuit.builder(n);
    for (int j = n - 1; j >= 0; j--) {
        b.h(j);
        for (int k = j - 1; k >= 0; k--) b.cp(Math.PI / (1 << (j - k)), k, j);
    }
    for (int i = 0; i < n / 2; i++) {
        int a = i, c = n - 1 - i;
        b.cx(a, c).cx(c, a).cx(a, c);   // SWAP(a, c)
    }
    return b.build();
}
