double parity(Map<String, Long> counts) {
    double sum = 0, total = 0;
    for (var e : counts.entrySet()) {
        long ones = e.getKey().chars().filter(c -> c == '1').count();
        sum += (ones % 2 == 0 ? 1 : -1) * e.getValue();
        total += e.getValue();
    }
    return sum / total;
}
