package org.qise.portal.runs;

import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.engine.density.DensityMatrix;
import org.qise.noise.run.Method;

/**
 * How a noisy sweep is simulated, fixed when it is queued (as for a noisy run) so that every
 * point and every reproduction takes the same path: the method a noisy run of one point would
 * get, except that a sweep of expectation values alone (no shots) needs the exact density
 * matrix, since trajectories estimate from one trajectory per shot.
 */
final class SweepNoise {
    private SweepNoise() {}

    /** @param point the circuit bound to one point of the sweep (the method depends on its shape only) */
    static String method(RunNoise.Model noise, Circuit point, long shots, List<String> expect, long memoryBytes) {
        if (!expect.isEmpty() && !RunNoise.endsInMeasurements(point)) {
            throw RunService.unprocessable("expectation values under noise need the state before the final measurements, but this circuit"
                    + " measures mid-circuit or branches, so each trajectory ends in a different state");
        }
        Method m = RunNoise.method(noise.model(), point, shots, memoryBytes);
        if (shots == 0 && m == Method.TRAJECTORIES) {
            int n = point.numQubits();
            if (n > DensityMatrix.MAX_QUBITS || RunNoise.memoryNeed(n, Method.DENSITY_MATRIX.cliName()) > memoryBytes) {
                throw RunService.unprocessable("shots: the density matrix of " + n + " qubits is too large here, so expectation values under"
                        + " noise are averaged over trajectories, one per shot; give shots of at least 1");
            }
            m = Method.DENSITY_MATRIX;
        }
        return m.cliName();
    }
}
