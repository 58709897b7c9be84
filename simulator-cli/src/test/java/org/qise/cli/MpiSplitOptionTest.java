package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code qise run --mpi-split}: refused, with exit 2, where it cannot apply (the runs under mpirun are in MpiEngineIT). */
class MpiSplitOptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--mpi-split 4                | --mpi-split goes with --engine mpi",
            "--mpi-split 4 --engine exact | --mpi-split goes with --engine mpi",
            "--mpi-split 4 --engine mpi   | the mpi engine runs one process per rank and must be launched by mpirun"})
    void theSplitOutsideAnMpiRunIsAClearErrorWithExitTwo(String options, String message) {
        Cli.Run r = Cli.run(("run --example bell --seed 1 " + options.strip()).split(" "));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("qise: error: " + message), r.toString());
    }
}
