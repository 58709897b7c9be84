package org.qise.gradient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.QuantumState;
import org.qise.sim.PauliSum;

/**
 * ⟨ψ(p)|H|ψ(p)⟩ and its gradient with respect to every circuit parameter by the adjoint method
 * (Jones and Gacon, 2020): one forward pass to |ψ⟩ = U_N…U_1|0⟩, then one backward pass that
 * un-applies each gate from |ψ⟩ and from |λ⟩ = H|ψ⟩ and reads off
 * ∂⟨H⟩/∂θ_k = 2·Re⟨λ_k|∂U_k/∂θ_k|ψ_{k−1}⟩. Memory: two heap state vectors; time: independent
 * of the number of parameters (see docs/parameters.md for measured ratios to a forward pass).
 *
 * <p>Angles that are expressions of shared parameters are handled by the chain rule:
 * ∂⟨H⟩/∂p = Σ over angles θ of ∂⟨H⟩/∂θ · ∂θ/∂p.
 */
public final class AdjointGradient {
    private AdjointGradient() {}

    /**
     * @param circuit a parametric circuit of gates, optionally followed by measurements (ignored:
     *                ⟨H⟩ is taken on the state before them)
     * @param point   a value for every parameter of the circuit
     * @param h       the observable; its qubits must exist in the circuit
     * @throws IllegalArgumentException for a circuit without parameters, a missing or unknown
     *         parameter, H on a qubit the circuit lacks, or a circuit that is not unitary
     */
    public static Gradient compute(Circuit circuit, Map<String, Double> point, PauliSum h) {
        return compute(circuit, point, h, 1);
    }

    /**
     * Tiles of 2^TILE_QUBITS amplitudes stay in cache while a run of gates is un-applied on them:
     * 2^14 is 256 KiB per state, both states half of a 1 MiB L2 cache. One more qubit than 13
     * lets the 20-qubit benchmark ansatz's cx staircase go in 2 passes instead of 3 ({@link Runs});
     * measured faster (median 195 vs 209 ms in one JVM, alternating).
     */
    static final int TILE_QUBITS = 14;

    /** Qubits 0…LOW_QUBITS−1 are in every tile: 2^3 amplitudes are 128 contiguous bytes, two cache lines. */
    static final int LOW_QUBITS = 3;

    /**
     * As {@link #compute(Circuit, Map, PauliSum)} (which uses one thread), with the forward pass
     * on the fast engine and the tiles of the backward pass on {@code threads} threads (0 = all
     * cores). Both give the same bits on any number of threads, so the result does not depend on it.
     */
    public static Gradient compute(Circuit circuit, Map<String, Double> point, PauliSum h, int threads) {
        Differentiable d = Differentiable.of(circuit, point);
        if (h.maxQubit() >= d.numQubits) {
            throw new IllegalArgumentException("'" + h + "' acts on qubit " + h.maxQubit() + " but the circuit has " + d.numQubits + " qubit(s)");
        }
        if (d.numQubits > Amplitudes.MAX_QUBITS) {
            throw new IllegalArgumentException("gradients are limited to " + Amplitudes.MAX_QUBITS + " qubits, the circuit has " + d.numQubits);
        }
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        // one pool for every step after the forward pass (H|ψ⟩, the tiles); below a tile's size
        // the whole state is one piece of work and threads would only cost
        ExecutorService pool = workers > 1 && d.numQubits > TILE_QUBITS ? Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "qise-adjoint");
            th.setDaemon(true);
            return th;
        }) : null;
        try {
            // a tail of cx gates after the last parametric gate is not run: ⟨ψ|V†HV|ψ⟩ = ⟨ψ|H'|ψ⟩
            // with H' = V†HV again a Pauli sum (CliffordTail), so neither pass touches the tail
            int cut = CliffordTail.start(d.gates);
            List<Operation.GateOp> body = d.gates.subList(0, cut);
            List<PauliSum.Term> terms = CliffordTail.conjugate(h.terms(), d.gates.subList(cut, d.gates.size()));
            Amplitudes psi;
            try (Engine engine = Engines.create("fast", threads); QuantumState state = engine.allocate(d.numQubits)) {
                state.applyAll(body);
                psi = Amplitudes.copyOf(state);
            }
            PauliProducts.Product hPsi = PauliProducts.apply(psi, terms, pool);
            Amplitudes lambda = hPsi.lambda();
            double value = hPsi.value();

            // the backward pass un-applies units (chains of one-qubit gates fused); each angle belongs
            // to one member of one unit, and is read off that unit's G sums
            List<Units.Unit> units = Units.of(body);
            int[] unitOf = new int[d.gates.size()], positionOf = new int[d.gates.size()];
            for (int u = 0; u < units.size(); u++) {
                int[] m = units.get(u).members();
                for (int i = 0; i < m.length; i++) {
                    unitOf[m[i]] = u;
                    positionOf[m[i]] = i;
                }
            }
            List<List<Differentiable.Angle>> byUnit = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) byUnit.add(new ArrayList<>());
            for (Differentiable.Angle a : d.angles) byUnit.get(unitOf[a.gate()]).add(a);

            double[] grad = new double[d.parameters.size()];
            backwardPass(d, units, byUnit, positionOf, psi, lambda, grad, pool);
            return new Gradient(d.parameters, value, grad);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private static void backwardPass(Differentiable d, List<Units.Unit> units, List<List<Differentiable.Angle>> byUnit, int[] positionOf,
                                     Amplitudes psi, Amplitudes lambda, double[] grad, ExecutorService pool) {
        List<Operation.GateOp> ops = new ArrayList<>(units.size());
        for (Units.Unit u : units) ops.add(u.op());
        int t = Math.min(d.numQubits, TILE_QUBITS);
        // units before the first one with an angle need not be un-applied at all (an h layer
        // that prepares |+…+⟩ contributes no derivative)
        int first = 0;
        while (first < ops.size() && byUnit.get(first).isEmpty()) first++;
        Tiles.Scratch scratch = new Tiles.Scratch();
        long[] masks = new long[ops.size()];
        for (int i = 0; i < masks.length; i++) masks[i] = mask(ops.get(i));
        for (Runs.Run pass : Runs.plan(masks, first, d.numQubits, t, LOW_QUBITS)) {
            List<Integer> taken = pass.units();
            long tile = pass.tile();
            List<Operation.GateOp> run = new ArrayList<>(taken.size());
            double[][] g = new double[taken.size()][];
            for (int r = 0; r < taken.size(); r++) {
                int i = taken.get(r);
                run.add(ops.get(i));
                if (!byUnit.get(i).isEmpty()) {
                    int dim = Units.isChainCx(ops.get(i)) ? 2 : ops.get(i).gate().targetMatrix().dim(); // a fused cx's G is its chain's
                    g[r] = new double[2 * dim * dim];
                }
            }
            Set<Integer> qubits = new HashSet<>();
            for (int q = 0; q < d.numQubits; q++) if ((tile >> q & 1) == 1) qubits.add(q);
            Tiles.backward(run, qubits, psi, lambda, g, pool, scratch);
            for (int r = taken.size() - 1; r >= 0; r--) {
                int i = taken.get(r);
                for (Differentiable.Angle a : byUnit.get(i)) {
                    Matrix dm = Units.derivative(units.get(i), d, positionOf[a.gate()], a.index());
                    accumulate(d, a, dm, g[r], grad);
                }
            }
        }
    }

    private static long mask(Operation.GateOp op) {
        long m = 0;
        for (int q : op.qubits()) m |= 1L << q;
        return m;
    }

    /** ∂⟨H⟩/∂θ = 2·Re Σ dM[x][y]·G[x][y], spread over the parameters by the chain rule. */
    private static void accumulate(Differentiable d, Differentiable.Angle a, Matrix dm, double[] g, double[] grad) {
        double[] re = dm.realParts(), im = dm.imagParts();
        double s = 0;
        for (int e = 0; e < re.length; e++) s += re[e] * g[2 * e] - im[e] * g[2 * e + 1];
        double dTheta = 2 * s;
        for (int p = 0; p < grad.length; p++) {
            double chain = a.expression().derivative(d.parameters.get(p), d.point);
            if (chain != 0) grad[p] += dTheta * chain;
        }
    }
}
