package org.qise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * A model from calibration figures reproduces the stated gate errors: the channels it puts
 * after a gate, composed, have average gate fidelity 1 − error, computed here from the Kraus
 * operators as F = (Σ|Tr K|² + d)/(d² + d) (Nielsen's formula for the average fidelity of a
 * channel). Where relaxation alone exceeds the error, no depolarizing is added.
 */
class DeviceCalibrationTest {

    static double averageGateFidelity(List<Matrix> kraus, int d) {
        double s = 0;
        for (Matrix k : kraus) {
            double re = 0, im = 0;
            for (int i = 0; i < d; i++) {
                re += k.re(i, i);
                im += k.im(i, i);
            }
            s += re * re + im * im;
        }
        return (s + d) / ((double) d * d + d);
    }

    /** The Kraus operators of all channels the model puts after the circuit's one gate, composed in order. */
    static List<Matrix> composedNoise(Circuit noisy, int[] on) {
        List<Matrix> ops = null;
        for (Operation op : noisy.operations()) {
            if (!(op instanceof Operation.ChannelOp c)) continue;
            assertTrue(java.util.Arrays.equals(on, c.qubits()), "channel on " + java.util.Arrays.toString(c.qubits()));
            if (ops == null) {
                ops = c.channel().kraus();
                continue;
            }
            List<Matrix> next = new ArrayList<>();
            for (Matrix a : c.channel().kraus()) for (Matrix k : ops) next.add(a.times(k));
            ops = next;
        }
        return ops;
    }

    @ParameterizedTest(name = "one-qubit gate: T1 = {0}, T2 = {1}, time {2}, error {3} → average gate fidelity 1 − {3}")
    @CsvSource({"100000, 80000, 35, 0.0003", "50000, 90000, 50, 0.001", "20000, 10000, 100, 0.02"})
    void oneQubitGateErrorIsReproduced(double t1, double t2, double time, double error) {
        var cal = new DeviceCalibration("t", List.of(new DeviceCalibration.Qubit(t1, t2, 0, error, time, 0, 0)), List.of(), List.of(), List.of());
        Circuit noisy = cal.toModel().apply(Circuit.builder(1).sx(0).build());
        assertEquals(1 - error, averageGateFidelity(composedNoise(noisy, new int[]{0}), 2), 1e-12);
    }

    @ParameterizedTest(name = "two-qubit gate on ({0},{1}): error {2} over {3} → average gate fidelity 1 − {2}")
    @CsvSource({"0, 1, 0.008, 300", "1, 0, 0.012, 400", "0, 1, 0.05, 660"})
    void twoQubitGateErrorIsReproduced(int a, int b, double error, double time) {
        var q0 = new DeviceCalibration.Qubit(100000, 70000, 0, 0.0003, 35, 0, 0);
        var q1 = new DeviceCalibration.Qubit(60000, 90000, 0.02, 0.0004, 35, 0, 0);
        var cal = new DeviceCalibration("t", List.of(q0, q1), List.of(new DeviceCalibration.Pair(0, 1, error, time)), List.of(), List.of("cx"));
        Circuit noisy = cal.toModel().apply(Circuit.builder(2).cx(a, b).build());
        assertEquals(1 - error, averageGateFidelity(composedNoise(noisy, new int[]{a, b}), 4), 1e-12);
    }

    @ParameterizedTest(name = "when relaxation alone exceeds the stated error {0}, no depolarizing is added")
    @CsvSource({"0.0", "1e-6"})
    void relaxationAboveTheErrorAddsNoDepolarizing(double error) {
        var cal = new DeviceCalibration("t", List.of(new DeviceCalibration.Qubit(1000, 800, 0, error, 50, 0, 0)), List.of(), List.of(), List.of());
        Circuit noisy = cal.toModel().apply(Circuit.builder(1).x(0).build());
        assertEquals(2, noisy.operations().size(), "x then thermal relaxation only");
    }
}
