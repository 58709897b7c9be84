Circuit minus() {
    // X makes |1>, and H sends |1> to (|0> - |1>)/sqrt 2.
    return Circuit.builder(1).x(0).h(0).build();
}
