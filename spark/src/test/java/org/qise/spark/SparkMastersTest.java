package org.qise.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkMastersTest {

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"local", "local[1]", "local[16]", "local[*]", "local[4,2]", "local-cluster[2,1,1024]", "yarn", "k8s://https://10.0.0.1:6443"})
    void mastersSparkAcceptsPass(String master) {
        assertDoesNotThrow(() -> SparkMasters.check(master));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"", "nonsense", "local[0]", "local[-1]", "local[two]", "spark://", "spark://host", "http://host:7077", "LOCAL[2]"})
    void anythingElseIsNamedWithTheFormsThatWork(String master) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkMasters.check(master));
        assertTrue(e.getMessage().startsWith("'" + master + "' is not a Spark master URL; use local[N]"), e.getMessage());
    }
}
