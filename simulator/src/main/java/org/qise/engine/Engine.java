package org.qise.engine;

/** A simulation back end: it allocates states and knows how to apply operations to them. */
public interface Engine {

    /** Short name used on the command line and in manifests, e.g. {@code "exact"}. */
    String name();

    /** Number of threads the engine's kernels use. */
    int threads();

    /**
     * A fresh state |0…0⟩ of {@code numQubits} qubits.
     *
     * @throws StateTooLargeException if the state does not fit in the memory available
     */
    QuantumState allocate(int numQubits);
}
