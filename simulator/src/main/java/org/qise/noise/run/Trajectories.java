package org.qise.noise.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.qise.circuit.DynamicBlock;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;
import org.qise.noise.Channel;
import org.qise.noise.NoiseException;
import org.qise.noise.NoiseModel;
import org.qise.sim.PauliSum;
import org.qise.sim.Progress;
import org.qise.sim.Rng;

/**
 * Monte-Carlo wave-function runs on the fast engine: one state-vector trajectory per shot.
 *
 * <p>Within a shot, gates collect in a pending run that goes to the engine in one
 * {@link QuantumState#applyAll} call (so it is fused and staged); a unitary-mixture channel adds
 * its drawn Pauli (or nothing) to the run without flushing it, and only a general Kraus channel,
 * a measurement or a reset makes the run go to the engine first. Shot s draws every random
 * number from {@link Rng#stream}(seed, s), and its result does not depend on which thread runs
 * it: counts are the same for any thread count.
 *
 * <p>Small states run several shots at once, one per thread, each on a one-thread engine;
 * large states run shots one after another with the engine's threads inside each.
 */
final class Trajectories {
    /** Below this many qubits shots run in parallel rather than kernels. */
    static final int PARALLEL_SHOTS_BELOW = 16;

    private final ShotPlan plan;
    private final int threads;
    private final Progress progress;
    /** Trajectories finished so far, for progress reports from any thread. */
    private final AtomicLong done = new AtomicLong();
    /** Keeps progress reports from overlapping (the callback need not be thread-safe). */
    private final Object reporting = new Object();

    Trajectories(ShotPlan plan, int threads, Progress progress) {
        this.plan = plan;
        this.threads = threads;
        this.progress = progress;
    }

    /** Reports one more finished trajectory; a callback that throws ends the run (see NoisySimulator.Builder#progress). */
    private void finished(long shots) {
        if (progress == Progress.NONE) return; // nobody listens: no lock per shot
        // count inside the lock: counted outside, a thread could report 6 before another reports 5
        synchronized (reporting) {
            progress.update(done.incrementAndGet(), shots, "trajectories");
        }
    }

    /** What one shot needs: the operations, their final measurements and readout. */
    record ShotPlan(int numQubits, int numClbits, List<Operation> body, List<Operation.Measure> finalMeasures,
                    boolean terminal, Readout readout, Outcomes outcomes, List<PauliSum> observables, NoiseModel model) {}

    /** Counts and, per observable, the sum and sum of squares of the per-shot values (in shot order). */
    record Totals(Map<String, Long> counts, double[] sums, double[] squares) {}

    Totals run(long shots, long seed) {
        Map<String, Long> counts = new TreeMap<>();
        int obs = plan.observables().size();
        double[][] values = new double[obs][(int) Math.min(shots, Integer.MAX_VALUE - 8)];
        boolean parallel = threads > 1 && plan.numQubits() < PARALLEL_SHOTS_BELOW && shots > 1;
        if (!parallel) {
            Worker w = new Worker(new FastEngine(Math.max(1, threads)));
            try {
                for (long s = 0; s < shots; s++) {
                    counts.merge(w.shot(s, seed, values), 1L, Long::sum);
                    finished(shots);
                }
                if (shots == 0) progress.update(0, 0, "trajectories");
            } finally {
                w.close();
            }
        } else {
            // a plain pool: its futures hand back a task's own exception (a progress listener's stop), not a copy
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Map<String, Long>>> tasks = new ArrayList<>();
                long chunk = Math.max(1, (shots + threads - 1) / threads);
                for (long from = 0; from < shots; from += chunk) {
                    long a = from, b = Math.min(shots, from + chunk);
                    tasks.add(pool.submit(() -> {
                        Map<String, Long> part = new TreeMap<>();
                        Worker w = new Worker(new FastEngine(1));
                        try {
                            for (long s = a; s < b; s++) {
                                part.merge(w.shot(s, seed, values), 1L, Long::sum);
                                finished(shots);
                            }
                        } finally {
                            w.close();
                        }
                        return part;
                    }));
                }
                // Counts are sums, so merging the parts in any order gives the same map.
                for (Future<Map<String, Long>> f : tasks) f.get().forEach((k, v) -> counts.merge(k, v, Long::sum));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        double[] sums = new double[obs], squares = new double[obs];
        for (int o = 0; o < obs; o++) {
            for (long s = 0; s < shots; s++) {
                double v = values[o][(int) s];
                sums[o] += v;
                squares[o] += v * v;
            }
        }
        return new Totals(counts, sums, squares);
    }

    /** One thread's engine, its copy of the shared prefix, and the branch samplers. */
    private final class Worker {
        private final QuantumState start;
        private final List<Operation> rest;
        /** Where {@link #rest} starts in the plan's body (operation indices of the readout groups). */
        private final int prefix;
        private final Map<Channel, BranchSampler> samplers = new IdentityHashMap<>();
        /** The worker's own engine (its thread pool), closed with the worker. */
        private final FastEngine engine;

        Worker(FastEngine engine) {
            this.engine = engine;
            // The unconditional gates before the first noise point, measurement or reset are the
            // same in every shot: apply them once and start each shot from a copy.
            List<Operation> body = plan.body();
            int prefix = 0;
            List<Operation.GateOp> gates = new ArrayList<>();
            while (prefix < body.size()) {
                Operation op = body.get(prefix);
                if (op instanceof Operation.GateOp g && g.condition() == null) gates.add(g);
                else if (!(op instanceof Operation.Barrier)) break;
                prefix++;
            }
            QuantumState first = null;
            try {
                first = engine.allocate(plan.numQubits());
                first.applyAll(gates);
            } catch (RuntimeException e) {
                if (first != null) first.close();
                engine.close();
                throw e;
            }
            start = first;
            rest = body.subList(prefix, body.size());
            this.prefix = prefix;
        }

        String shot(long shot, long seed, double[][] values) {
            Rng rng = Rng.stream(seed, shot);
            boolean[] bits = new boolean[plan.numClbits()];
            List<Operation.GateOp> pending = new ArrayList<>();
            BlockShot context = null;
            try (QuantumState s = start.copy()) {
                for (int i = 0; i < rest.size(); i++) {
                    Operation op = rest.get(i);
                    if (op.condition() != null && !op.condition().holds(bits)) continue;
                    switch (op) {
                        case Operation.GateOp g -> pending.add(g);
                        case Operation.Barrier b -> { }
                        case Operation.Dynamic d -> {
                            if (context == null) context = new BlockShot(s, pending, bits, rng);
                            d.block().run(context);
                            context.endBlock();
                        }
                        case Operation.ChannelOp c -> channel(c, s, pending, rng);
                        case Operation.Measure m -> {
                            flush(s, pending);
                            int outcome = measure(s, m.qubit(), rng);
                            bits[m.clbit()] = plan.readout().applyAtMeasurement(m.qubit(), outcome, rng) == 1;
                            // a correlated readout error acts once all its qubits were measured together
                            for (Readout.Firing f : plan.readout().firingsAfter(prefix + i)) plan.readout().apply(f, bits, rng);
                        }
                        case Operation.Reset r -> {
                            flush(s, pending);
                            if (measure(s, r.qubit(), rng) == 1) s.flip(r.qubit());
                        }
                    }
                }
                flush(s, pending);
                if (!plan.terminal()) {
                    plan.readout().applyAtEnd(bits, rng, true);
                    return plan.outcomes().key(bits);
                }
                for (int o = 0; o < plan.observables().size(); o++) {
                    double v = 0;
                    for (PauliSum.Term t : plan.observables().get(o).terms()) v += t.coefficient() * s.expectationPauli(t.xMask(), t.zMask());
                    values[o][(int) shot] = v;
                }
                long index = s.sampleSorted(new double[]{rng.nextDouble()})[0];
                if (plan.finalMeasures().isEmpty()) {
                    for (int q = 0; q < plan.numQubits(); q++) bits[q] = (index >> q & 1) == 1;
                } else {
                    for (Operation.Measure m : plan.finalMeasures()) bits[m.clbit()] = (index >> m.qubit() & 1) == 1;
                }
                plan.readout().applyAtEnd(bits, rng, false);
                return plan.outcomes().key(bits);
            }
        }

        void close() {
            start.close();
            engine.close();
        }

        /** A channel on the state: a drawn Pauli joins the pending run; a general channel flushes it first. */
        void channel(Operation.ChannelOp c, QuantumState s, List<Operation.GateOp> pending, Rng rng) {
            BranchSampler sampler = samplers.computeIfAbsent(c.channel(), BranchSampler::new);
            if (sampler.needsState()) flush(s, pending);
            Operation.GateOp drawn = sampler.draw(c.qubits(), s, rng);
            if (drawn != null) pending.add(drawn);
        }

        /**
         * One shot as an OpenQASM 3 dynamic block sees it, with the model's noise applied as the
         * block runs: each gate is followed by the channels {@link NoiseModel#channelsAfter} gives
         * it, each measurement's outcome goes through the qubit's readout error before the block
         * reads it (so a branch sees the misread bit), and idle noise follows the same layering
         * as outside blocks (a layer closes at a gate on a busy qubit, a measurement, a reset and
         * the block's end). Every random number comes from the shot's stream, in execution order.
         */
        private final class BlockShot implements DynamicBlock.ShotContext {
            private final QuantumState s;
            private final List<Operation.GateOp> pending;
            private final boolean[] bits;
            private final Rng rng;
            private final Map<Object, Object> scratch = new HashMap<>();
            private final Channel idle = plan.model().idle();
            private final boolean[] busy = new boolean[plan.numQubits()];
            private boolean layerOpen;

            BlockShot(QuantumState s, List<Operation.GateOp> pending, boolean[] bits, Rng rng) {
                this.s = s;
                this.pending = pending;
                this.bits = bits;
                this.rng = rng;
            }

            @Override public void apply(Operation.GateOp gate) {
                if (idle != null) {
                    boolean clash = false;
                    for (int q : gate.qubits()) clash |= busy[q];
                    if (clash) closeLayer();
                    for (int q : gate.qubits()) busy[q] = true;
                    layerOpen = true;
                }
                pending.add(gate);
                for (Operation.ChannelOp c : plan.model().channelsAfter(gate)) channel(c, s, pending, rng);
            }

            @Override public int measure(int qubit) {
                closeLayer();
                if (plan.readout().correlated(qubit)) {
                    throw new NoiseException("qubit " + qubit + " is measured inside OpenQASM 3 control flow, but the noise model gives it a "
                            + "correlated (multi-qubit) readout error, which needs all its qubits measured together; give it a one-qubit readout error");
                }
                flush(s, pending);
                return plan.readout().applyAtMeasurement(qubit, Trajectories.measure(s, qubit, rng), rng);
            }

            @Override public void reset(int qubit) {
                closeLayer();
                flush(s, pending);
                if (Trajectories.measure(s, qubit, rng) == 1) s.flip(qubit);
            }

            @Override public boolean[] bits() { return bits; }

            @Override public Map<Object, Object> scratch() { return scratch; }

            /** The block has returned: its last layer closes, as a non-gate operation closes one outside blocks. */
            void endBlock() { closeLayer(); }

            private void closeLayer() {
                if (idle == null || !layerOpen) return;
                for (int q = 0; q < busy.length; q++) {
                    if (!busy[q]) channel(new Operation.ChannelOp(idle, new int[]{q}, null), s, pending, rng);
                    busy[q] = false;
                }
                layerOpen = false;
            }
        }
    }

    private static void flush(QuantumState s, List<Operation.GateOp> pending) {
        if (!pending.isEmpty()) {
            s.applyAll(pending);
            pending.clear();
        }
    }

    /** Measures one qubit: outcome 1 with its Born probability, then collapses. */
    private static int measure(QuantumState s, int qubit, Rng rng) {
        double p1 = s.probabilityOfOne(qubit);
        int outcome = rng.nextDouble() < p1 ? 1 : 0;
        s.collapse(qubit, outcome, outcome == 1 ? p1 : 1 - p1);
        return outcome;
    }
}
