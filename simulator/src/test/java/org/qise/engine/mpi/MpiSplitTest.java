package org.qise.engine.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The split (global qubits every plan is made for), as chosen by --mpi-split or QISE_MPI_SPLIT, without MPI. */
class MpiSplitTest {

    @ParameterizedTest(name = "QISE_MPI_SPLIT=''{0}'' with {1} ranks plans for {2} global qubits")
    @CsvSource({
            "'',   1, " + MpiPlan.DEFAULT_SPLIT,
            "'',   8, " + MpiPlan.DEFAULT_SPLIT,
            "'', 1024, 10", // more ranks than the default serves: the plan takes their qubits
            "6,    1, 6",
            "' 10 ', 16, 10",
            "0,    1, 0",
    })
    void theEnvironmentChoosesTheSplitOrTheDefaultApplies(String value, int ranks, int split) {
        assertEquals(split, MpiEngine.splitFromEnvironment(value.isEmpty() ? null : value, ranks));
    }

    @ParameterizedTest(name = "{0} with {1} ranks: \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "QISE_MPI_SPLIT=abc | 2  | QISE_MPI_SPLIT=abc is not a whole number",
            "QISE_MPI_SPLIT=2   | 8  | QISE_MPI_SPLIT=2 is fewer than the 3 global qubits of 8 ranks",
            "QISE_MPI_SPLIT=-1  | 1  | QISE_MPI_SPLIT=-1: the split must be 0 to " + MpiPlan.MAX_SPLIT,
            "QISE_MPI_SPLIT=99  | 1  | QISE_MPI_SPLIT=99: the split must be 0 to " + MpiPlan.MAX_SPLIT,
    })
    void aBadSplitFromTheEnvironmentIsAClearError(String setting, int ranks, String message) {
        MpiException e = assertThrows(MpiException.class, () -> MpiEngine.splitFromEnvironment(setting.substring(setting.indexOf('=') + 1), ranks));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aSplitBelowTheRankCountNamesTheOptionAndWhatToChoose() {
        MpiException e = assertThrows(MpiException.class, () -> MpiEngine.checkSplit(3, "--mpi-split 3", 16));
        assertEquals("--mpi-split 3 is fewer than the 4 global qubits of 16 ranks: a split of G serves at most 2^G ranks; choose a split of 4 or more "
                + "(runs with the same split are bit-identical for every rank count up to 2^split)", e.getMessage());
        assertEquals(4, MpiEngine.checkSplit(4, "--mpi-split 4", 16));
    }

    @ParameterizedTest(name = "{0} qubits, {1} rank qubit(s), split {2}: plans for {3} global qubits")
    @CsvSource({
            "22, 0, 6, 6",
            "22, 3, 6, 6",
            "22, 6, 6, 6",
            "12, 0, 6, 4",  // a slice keeps 8 qubits: the split shrinks for small states
            "9,  3, 6, 3",  // but never below the ranks' own qubits
            "30, 1, 0, 1",
    })
    void thePlannedGlobalQubitsFollowTheSplitWithinTheSliceLimits(int n, int rankQubits, int split, int planned) {
        assertEquals(planned, MpiPlan.splitQubits(n, rankQubits, split));
    }
}
