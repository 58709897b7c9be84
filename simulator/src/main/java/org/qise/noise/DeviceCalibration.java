package org.qise.noise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;

/**
 * A device's calibration figures, as its backend properties give them, and the noise model
 * they imply. Times are in any one unit (say microseconds) used throughout.
 *
 * <p>After a one-qubit gate on q: thermal relaxation over the gate time, then depolarizing
 * with the parameter that makes the pair's average gate infidelity equal the stated gate error
 * (Qiskit's convention: gate error = 1 − average gate fidelity). After a two-qubit gate on a
 * calibrated pair: thermal relaxation of both qubits over the pair's gate time, then two-qubit
 * depolarizing chosen the same way. Composing with depolarizing(p) maps the entanglement
 * fidelity F_e of the relaxation to (1 − p)·F_e + p/d², and the average gate fidelity is
 * (d·F_e + 1)/(d + 1); solving for p is exact. When relaxation alone already exceeds the stated
 * error, p is 0. A pair also covers the reverse gate order unless that order is listed itself.
 *
 * @param qubits   one entry per qubit, in qubit order
 * @param pairs    calibrated two-qubit gates
 * @param gates1q  names of the gates that get one-qubit noise (empty: every one-qubit qelib1 gate)
 * @param gates2q  names of the gates that get two-qubit noise (empty: every two-qubit qelib1 gate)
 */
public record DeviceCalibration(String name, List<Qubit> qubits, List<Pair> pairs, List<String> gates1q, List<String> gates2q) {

    /**
     * One qubit's figures. {@code gateError} and {@code gateTime} are those of its one-qubit
     * gates; the readout probabilities are P(read 1 | prepared 0) and P(read 0 | prepared 1).
     */
    public record Qubit(double t1, double t2, double excitedPopulation, double gateError, double gateTime,
                        double p1Given0, double p0Given1) {}

    /** A two-qubit gate's figures on qubits (a, b) in that order. */
    public record Pair(int a, int b, double gateError, double gateTime) {}

    public DeviceCalibration {
        qubits = List.copyOf(qubits);
        pairs = List.copyOf(pairs);
        gates1q = List.copyOf(gates1q);
        gates2q = List.copyOf(gates2q);
    }

    /** The noise model these figures imply (see the class comment). */
    public NoiseModel toModel() {
        NoiseModel.Builder b = NoiseModel.builder().name(name).calibration(this);
        List<String> one = gates1q.isEmpty() ? libraryGates(1) : gates1q;
        List<String> two = gates2q.isEmpty() ? libraryGates(2) : gates2q;
        for (int q = 0; q < qubits.size(); q++) {
            Qubit c = qubits.get(q);
            Channel relax = Channels.thermalRelaxation(c.t1(), c.t2(), c.gateTime(), c.excitedPopulation());
            b.afterGatesOn(relax, one, new int[]{q});
            double p = depolarizingFor(relax, c.gateError(), "qubit " + q);
            if (p > 0) b.afterGatesOn(Channels.depolarizing(p), one, new int[]{q});
        }
        Set<List<Integer>> listed = new HashSet<>();
        for (Pair pair : pairs) listed.add(List.of(pair.a(), pair.b()));
        for (Pair pair : pairs) {
            addPair(b, two, pair.a(), pair.b(), pair);
            if (!listed.contains(List.of(pair.b(), pair.a()))) addPair(b, two, pair.b(), pair.a(), pair);
        }
        for (int q = 0; q < qubits.size(); q++) {
            Qubit c = qubits.get(q);
            if (c.p1Given0() > 0 || c.p0Given1() > 0) b.readout(ReadoutError.of(c.p1Given0(), c.p0Given1()), q);
        }
        return b.build();
    }

    private void addPair(NoiseModel.Builder b, List<String> gates, int first, int second, Pair pair) {
        for (int q : new int[]{first, second}) {
            if (q < 0 || q >= qubits.size()) throw new NoiseException("calibration pair (" + pair.a() + ", " + pair.b() + ") names qubit " + q + ", which has no calibration");
        }
        Qubit a = qubits.get(first), c = qubits.get(second);
        Channel relax = Channels.tensor(Channels.thermalRelaxation(a.t1(), a.t2(), pair.gateTime(), a.excitedPopulation()),
                Channels.thermalRelaxation(c.t1(), c.t2(), pair.gateTime(), c.excitedPopulation()));
        b.afterGatesOn(relax, gates, new int[]{first, second});
        double p = depolarizingFor(relax, pair.gateError(), "pair (" + pair.a() + ", " + pair.b() + ")");
        if (p > 0) b.afterGatesOn(Channels.depolarizing2(p), gates, new int[]{first, second});
    }

    /** The depolarizing parameter that brings {@code relax} to average gate infidelity {@code error}. */
    static double depolarizingFor(Channel relax, double error, String where) {
        Channels.probability("calibration of " + where, "gate_error", error);
        int d = 1 << relax.qubits();
        double fe = entanglementFidelity(relax);
        double target = ((d + 1) * (1 - error) - 1) / d;
        double p = (fe - target) / (fe - 1.0 / (d * d));
        if (!(p > 0)) return 0;
        if (p > 1) throw new NoiseException("calibration of " + where + ": gate error " + error + " is beyond what depolarizing can reach");
        return p;
    }

    /** F_e = Σ|Tr K|²/d². */
    static double entanglementFidelity(Channel ch) {
        int d = 1 << ch.qubits();
        double sum = 0;
        for (Matrix k : ch.kraus()) {
            double re = 0, im = 0;
            for (int i = 0; i < d; i++) {
                re += k.re(i, i);
                im += k.im(i, i);
            }
            sum += re * re + im * im;
        }
        return sum / ((double) d * d);
    }

    private static List<String> libraryGates(int arity) {
        List<String> out = new ArrayList<>();
        Gates.library().forEach((name, def) -> {
            if (def.qubits() == arity) out.add(name);
        });
        return out;
    }
}
