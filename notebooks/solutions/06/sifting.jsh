List<Integer> sift(int[] aliceBases, int[] bobBases, int[] bobResults) {
    List<Integer> key = new ArrayList<>();
    for (int i = 0; i < bobResults.length; i++) {
        if (aliceBases[i] == bobBases[i]) key.add(bobResults[i]);   // same basis: Bob's bit is Alice's
    }
    return key;
}
