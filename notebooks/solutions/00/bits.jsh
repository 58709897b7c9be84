String bits(int value, int width) {
    StringBuilder text = new StringBuilder();
    for (int k = width - 1; k >= 0; k--) text.append(value >> k & 1);
    return text.toString();
}
