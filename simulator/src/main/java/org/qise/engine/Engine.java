package org.qise.engine;

import java.util.List;
import org.qise.circuit.Operation;

/**
 * A simulation back end: it allocates states, compiles gate lists into {@link Plan plans} and
 * owns whatever it runs them with (thread pools). An engine is a value: create it once, give
 * it to a {@code Simulator} (or use it directly), and close it when done. Engines register
 * through {@link EngineProvider} and are looked up by name with {@link Engines}.
 */
public interface Engine extends AutoCloseable {

    /** Short name used on the command line and in manifests, e.g. {@code "exact"}. */
    String name();

    /** Number of threads the engine's kernels use. */
    int threads();

    /** The number format of this engine's amplitudes; {@link Precision#DOUBLE} unless the engine says otherwise. */
    default Precision precision() {
        return Precision.DOUBLE;
    }

    /**
     * Settings of this engine, beyond its name and precision, that decide the bits of its
     * results; runs record them in their manifest's options (strings, as the other options).
     */
    default java.util.Map<String, String> resultOptions() {
        return java.util.Map.of();
    }

    /**
     * A fresh state |0…0⟩ of {@code numQubits} qubits.
     *
     * @throws StateTooLargeException if the state does not fit in the memory available
     */
    QuantumState allocate(int numQubits);

    /**
     * Compiles gates for states of {@code numQubits} qubits; the plan may be run any number of
     * times on such states of this engine. Checks the gates ({@link GateChecks}).
     */
    default Plan compile(int numQubits, List<Operation.GateOp> gates) {
        return new GatePlan(name(), numQubits, gates);
    }

    /**
     * A plan for {@code gates}, which are {@code plan}'s gates with new angles (a re-bound
     * parametric circuit). Engines that can refresh only what changed do so; the default
     * compiles afresh. Either way the plan runs exactly as {@code compile} of the gates would.
     */
    default Plan rebind(Plan plan, List<Operation.GateOp> gates) {
        return compile(plan.numQubits(), gates);
    }

    /** Bytes a state of {@code numQubits} qubits takes in this engine. */
    default long bytesFor(int numQubits) {
        return precision().stateBytes(numQubits);
    }

    /**
     * The fewest qubits a state of this engine may have (a distributed engine needs one amplitude
     * per process). Shot-by-shot runs that keep known qubits off the state pad it up to this.
     */
    default int minimumQubits() {
        return 1;
    }

    /**
     * Bytes that new states could take now without trouble (for off-heap engines the machine's
     * available physical memory less a margin, for heap engines the free Java heap);
     * {@link Long#MAX_VALUE} when the engine cannot tell.
     */
    default long availableBytes() {
        return Long.MAX_VALUE;
    }

    /** Releases the engine's threads. States already allocated stay usable single-threaded. Idempotent. */
    @Override
    default void close() {}
}
