package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the bench stops timing a circuit: below 24 qubits after at least five rounds and a second
 * of runs on the slowest precision, from 24 qubits after three rounds or 20 seconds, in a quick
 * run after one round.
 */
class TimedRoundsTest {

    @ParameterizedTest(name = "after {0} rounds, {1} qubits, seconds so far ''{2}'', quick {3}: another {4}")
    @CsvSource({
        "0, 20, '0 0', false, true",
        "4, 20, '5 9', false, true", // fewer than five rounds, however long
        "5, 20, '0.2 0.4', false, true", // five rounds, but under a second: a slow spell could hold them all
        "5, 20, '0.6 1.2', false, false", // the double side has had its second
        "199, 20, '0.1 0.2', false, true",
        "200, 20, '0.1 0.2', false, false", // at most 200 rounds
        "2, 26, '4 9', false, true",
        "3, 26, '4 9', false, false", // three rounds from 24 qubits
        "1, 28, '11 22', false, false", // the 20-second budget spent on double
        "0, 20, '0', true, true",
        "1, 20, '0', true, false"}) // quick: one round
    void roundsContinueUntilEnoughRunsAndTime(int rounds, int qubits, String seconds, boolean quick, boolean another) {
        double[] timed = Arrays.stream(seconds.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(another, Bench.more(rounds, timed, qubits, quick));
    }
}
