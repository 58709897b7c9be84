package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeanStartTest {
    @ParameterizedTest(name = "{0} engine, {1} precision, {2} qubits, other options {3}: lean {4}")
    @CsvSource({
            "fast,  double, 2,  false, true",
            "exact, double, 6,  false, true",
            "fast,  double, 7,  false, false",   // vector kernels from 7 qubits (FastEngine.SCALAR_MAX_QUBITS)
            "fast,  single, 2,  false, false",   // float states use the vector kernels at every size
            "fast,  Double, 2,  false, false",   // anything but the plain default goes to the full JVM
            "mpi,   double, 2,  false, false",
            "density, double, 2, false, false",
            "fast,  double, 2,  true,  false",   // noise, --explain, --mpi-split
    })
    void onlyPlainSmallRunsStayOnTheLeanJvm(String engine, String precision, int qubits, boolean other, boolean lean) {
        assertEquals(lean, LeanStart.fitsWithoutVectors(engine, precision, qubits, other));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdk/incubator/vector/DoubleVector", "jdk.incubator.vector.FloatVector", "org/qise/Other"})
    void theTestJvmHasTheVectorModuleSoAMissingClassNeverAsksForARelaunch(String missing) {
        // The tests run with --add-modules jdk.incubator.vector: here nothing is lean.
        assertFalse(LeanStart.active());
        assertFalse(LeanStart.missingVectorApi(new NoClassDefFoundError(missing)));
    }
}
