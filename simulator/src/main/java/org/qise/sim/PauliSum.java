package org.qise.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real linear combination of Pauli strings, e.g. {@code 0.5 X0 Y2 + Z1}.
 *
 * <p>Syntax: terms joined by {@code +} or {@code -}; a term is an optional coefficient (a number,
 * optionally followed by {@code *}) and factors {@code X3}, {@code Y0}, {@code Z1}, {@code I2}
 * (letter then qubit index) separated by spaces or {@code *}. A bare letter string such as
 * {@code ZZI} is read the Qiskit way: its rightmost letter is qubit 0.
 */
public final class PauliSum {

    /** One term: coefficient · ⊗ P_q, with x/z masks (Y sets both). */
    public record Term(double coefficient, long xMask, long zMask) {
        /** The highest qubit index the term acts on, or −1 for the identity. */
        public int maxQubit() {
            long all = xMask | zMask;
            return all == 0 ? -1 : 63 - Long.numberOfLeadingZeros(all);
        }
    }

    private final List<Term> terms;
    private final String text;

    private PauliSum(List<Term> terms, String text) {
        this.terms = List.copyOf(terms);
        this.text = text;
    }

    public List<Term> terms() { return terms; }

    /** The highest qubit any term acts on, or −1. */
    public int maxQubit() {
        return terms.stream().mapToInt(Term::maxQubit).max().orElse(-1);
    }

    @Override
    public String toString() { return text; }

    /** Parses a Pauli sum; throws IllegalArgumentException naming the position of a mistake. */
    public static PauliSum parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("empty Pauli expression");
        List<Term> terms = new ArrayList<>();
        int i = 0;
        int sign = 1;
        boolean expectTerm = true;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '+' || c == '-') {
                if (c == '-') sign = -sign;
                expectTerm = true;
                i++;
                continue;
            }
            // a term runs until the next + or - that is not part of a number's exponent
            int end = i;
            while (end < s.length()) {
                char e = s.charAt(end);
                if ((e == '+' || e == '-') && !(end > 0 && (s.charAt(end - 1) == 'e' || s.charAt(end - 1) == 'E')
                        && end > 1 && Character.isDigit(s.charAt(end - 2)))) break;
                end++;
            }
            terms.add(parseTerm(s.substring(i, end), i, sign, text));
            sign = 1;
            expectTerm = false;
            i = end;
        }
        if (expectTerm) throw new IllegalArgumentException("Pauli expression '" + text + "' ends with an operator");
        // every Pauli string's expectation lies in [−1, 1], so a finite sum of |coefficients| keeps the value finite
        double bound = 0;
        for (Term t : terms) bound += Math.abs(t.coefficient());
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("the coefficients of '" + text.trim() + "' add up beyond the range of a double (about 1.8e308)");
        }
        return new PauliSum(terms, text.trim());
    }

    private static Term parseTerm(String term, int at, int sign, String all) {
        double coefficient = sign;
        long x = 0, z = 0;
        String[] tokens = term.trim().split("[\\s*]+");
        for (int t = 0; t < tokens.length; t++) {
            String tok = tokens[t];
            if (tok.isEmpty()) continue;
            char first = Character.toUpperCase(tok.charAt(0));
            if (t == 0 && (Character.isDigit(first) || first == '.')) {
                try {
                    coefficient *= Double.parseDouble(tok);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad coefficient '" + tok + "' in '" + all + "' at " + (at + 1));
                }
                if (!Double.isFinite(coefficient)) {
                    throw new IllegalArgumentException("coefficient '" + tok + "' in '" + all + "' at " + (at + 1)
                            + " is beyond the range of a double (about ±1.8e308)");
                }
                continue;
            }
            String up = tok.toUpperCase(Locale.ROOT);
            if (up.matches("[IXYZ]\\d+")) {
                int q = Integer.parseInt(up.substring(1));
                if (q > 63) throw new IllegalArgumentException("qubit " + q + " in '" + all + "' is beyond 63");
                long bit = 1L << q;
                if (((x | z) & bit) != 0) throw new IllegalArgumentException("qubit " + q + " appears twice in a term of '" + all + "'");
                switch (up.charAt(0)) {
                    case 'X' -> x |= bit;
                    case 'Z' -> z |= bit;
                    case 'Y' -> { x |= bit; z |= bit; }
                    default -> { }
                }
            } else if (up.matches("[IXYZ]+")) {
                if (x != 0 || z != 0) throw new IllegalArgumentException("mixed Pauli notations in '" + all + "'");
                for (int k = 0; k < up.length(); k++) {
                    long bit = 1L << (up.length() - 1 - k); // rightmost letter is qubit 0
                    switch (up.charAt(k)) {
                        case 'X' -> x |= bit;
                        case 'Z' -> z |= bit;
                        case 'Y' -> { x |= bit; z |= bit; }
                        default -> { }
                    }
                }
            } else {
                throw new IllegalArgumentException("cannot read '" + tok + "' in '" + all
                        + "': expected a Pauli factor like X0, Y2, Z1 (letter, then qubit index)");
            }
        }
        return new Term(coefficient, x, z);
    }
}
